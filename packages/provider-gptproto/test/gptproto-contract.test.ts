import { toBase64 } from '@imagegate/testing/fakes';
import { describeProviderContract } from '@imagegate/testing';
import nock from 'nock';
import { createGptProto } from '../src/index.js';
import {
  BASE,
  CONTENT_BLOCKED,
  geminiContentAnswer,
  gptImageAnswer,
  gptProtoError,
  INSUFFICIENT_BALANCE,
  INVALID_SIGNATURE,
  JPEG_16,
  PNG_32,
  PNG_64,
} from './vendor-answers.js';

// The core contract, with GPTProto answering exactly as its documents show.
// GPTProto is synchronous, so the async scenarios are skipped by the suite.
const GENERATIONS = '/v1/images/generations';
const gemini = '/v1beta/models/gemini-2.5-flash-image:generateContent';
const vendor = () => nock(BASE);

describeProviderContract({
  name: 'gptproto',
  createProvider: ({ apiKey, transport }) => createGptProto({ apiKey, transport }),
  scenarios: {
    generate: {
      request: { model: 'gpt-image-2', size: '1024x1024', n: 2 },
      setup: () => void vendor().post(GENERATIONS).reply(200, gptImageAnswer([PNG_64, JPEG_16])),
    },
    edit: {
      request: { model: 'gemini-2.5-flash-image', images: [{ data: PNG_32, mimeType: 'image/png' }] },
      setup: () => void vendor().post(gemini).reply(200, geminiContentAnswer()),
    },
    unauthorized: {
      request: { model: 'gpt-image-1' },
      setup: () => void vendor().post(GENERATIONS).reply(401, INVALID_SIGNATURE),
    },
    quotaExceeded: {
      request: { model: 'gpt-image-1' },
      setup: () => void vendor().post(GENERATIONS).reply(403, INSUFFICIENT_BALANCE),
    },
    rateLimitedThenSucceeds: {
      request: { model: 'gpt-image-1' },
      setup: () =>
        void vendor()
          .post(GENERATIONS)
          .reply(429, gptProtoError(429, 'Too Many Requests'), { 'Retry-After': '1' })
          .post(GENERATIONS)
          .reply(200, gptImageAnswer()),
    },
    contentPolicy: {
      request: { model: 'gpt-image-1' },
      setup: () => void vendor().post(GENERATIONS).reply(400, CONTENT_BLOCKED),
    },
    serverErrorOnSubmit: {
      request: { model: 'gpt-image-1' },
      setup: () => void vendor().post(GENERATIONS).reply(500, gptProtoError(500, 'An internal server error occurred')),
    },
    malformedBody: {
      request: { model: 'gpt-image-1' },
      setup: () => void vendor().post(GENERATIONS).reply(200, `{"created":1776843003,"data":[{"b64_json":"${toBase64(PNG_64).slice(0, 40)}`),
    },
    noImages: {
      request: { model: 'gemini-2.5-flash-image', images: [{ data: PNG_32, mimeType: 'image/png' }] },
      setup: () => void vendor().post(gemini).reply(200, geminiContentAnswer([{ text: 'I cannot edit this image.' }], 'NO_IMAGE')),
    },
    slowSubmit: {
      request: { model: 'gpt-image-1' },
      setup: () => void vendor().post(GENERATIONS).delay(10_000).reply(200, gptImageAnswer()),
    },
  },
});
