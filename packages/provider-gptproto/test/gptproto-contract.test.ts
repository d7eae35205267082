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
  CDN,
  JPEG_16,
  PNG_32,
  predictionAnswer,
  PNG_64,
} from './vendor-answers.js';

// The core contract, with GPTProto answering exactly as its documents show:
// once for the synchronous OpenAI-style and Gemini endpoints (the async
// scenarios on the v3 API, which the manifest's async models need), and once
// wholly on the v3 API's predictions.
const GENERATIONS = '/v1/images/generations';
const V3_SUBMIT = '/api/v3/google/gemini-3-pro-image-preview/text-to-image';
const V3_EDIT = '/api/v3/google/gemini-3-pro-image-preview/image-edit';
const result = (id: string) => `/api/v3/predictions/${id}/result`;
const V3 = { model: 'gemini-3-pro-image-preview', size: '16:9', resolution: '2K' } as const;

/** The v3 asynchronous scenarios, shared by both runs. */
const v3AsyncScenarios = {
  asyncSucceeds: {
    request: V3,
    setup: () => {
      vendor()
        .post(V3_SUBMIT)
        .reply(200, predictionAnswer('pred_ok', 'created'))
        .get(result('pred_ok'))
        .reply(200, predictionAnswer('pred_ok', 'created'))
        .get(result('pred_ok'))
        .reply(200, predictionAnswer('pred_ok', 'processing'))
        .get(result('pred_ok'))
        .reply(200, predictionAnswer('pred_ok', 'completed', { outputs: [`${CDN}/out/pred_ok.jpeg`] }));
      nock(CDN).get('/out/pred_ok.jpeg').reply(200, Buffer.from(JPEG_16), { 'content-type': 'image/jpeg' });
    },
  },
  asyncFails: {
    request: V3,
    setup: () =>
      void vendor()
        .post(V3_SUBMIT)
        .reply(200, predictionAnswer('pred_bad', 'created'))
        .get(result('pred_bad'))
        .reply(200, predictionAnswer('pred_bad', 'failed', { error: 'upstream returned status 500' })),
  },
  // A prediction GPTProto no longer keeps ends "expired".
  taskVanishes: {
    request: V3,
    setup: () =>
      void vendor()
        .post(V3_SUBMIT)
        .reply(200, predictionAnswer('pred_gone', 'created'))
        .get(result('pred_gone'))
        .reply(200, predictionAnswer('pred_gone', 'expired')),
  },
  asyncNeverFinishes: {
    request: V3,
    setup: () =>
      void vendor()
        .post(V3_SUBMIT)
        .reply(200, predictionAnswer('pred_slow', 'created'))
        .get(result('pred_slow'))
        .reply(200, predictionAnswer('pred_slow', 'processing'))
        .persist(),
  },
};
const gemini = '/v1beta/models/gemini-2.5-flash-image:generateContent';
const vendor = () => nock(BASE);

// The contract asks for exactly one request on a 401, so its runs name the key's form (`authScheme`
// sends exactly that form); the default, bare then once `Bearer` on a 401, is tested in gptproto-provider.test.ts.
describeProviderContract({
  name: 'gptproto',
  createProvider: ({ apiKey, transport }) => createGptProto({ apiKey, transport }),
  scenarios: {
    ...v3AsyncScenarios,
    generate: {
      request: { model: 'gpt-image-2', size: '1024x1024', n: 2 },
      setup: () =>
        void vendor()
          .post(GENERATIONS)
          .reply(200, gptImageAnswer([PNG_64, JPEG_16])),
    },
    edit: {
      request: { model: 'gemini-2.5-flash-image', images: [{ data: PNG_32, mimeType: 'image/png' }] },
      setup: () => void vendor().post(gemini).reply(200, geminiContentAnswer()),
    },
    unauthorized: {
      request: { model: 'gpt-image-1' },
      // A wrong key is refused in both forms: the bare key as documented, then Bearer once.
      setup: () => void vendor().post(GENERATIONS).times(2).reply(401, INVALID_SIGNATURE),
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
      setup: () =>
        void vendor()
          .post(GENERATIONS)
          .reply(200, `{"created":1776843003,"data":[{"b64_json":"${toBase64(PNG_64).slice(0, 40)}`),
    },
    noImages: {
      request: { model: 'gemini-2.5-flash-image', images: [{ data: PNG_32, mimeType: 'image/png' }] },
      setup: () =>
        void vendor()
          .post(gemini)
          .reply(200, geminiContentAnswer([{ text: 'I cannot edit this image.' }], 'NO_IMAGE')),
    },
    slowSubmit: {
      request: { model: 'gpt-image-1' },
      setup: () => void vendor().post(GENERATIONS).delay(10_000).reply(200, gptImageAnswer()),
    },
  },
});

describeProviderContract({
  name: 'gptproto v3 predictions',
  createProvider: ({ apiKey, transport }) => createGptProto({ apiKey, transport }),
  scenarios: {
    ...v3AsyncScenarios,
    generate: {
      request: V3,
      setup: () => {
        // Synchronous mode would answer at once; the default polls once here.
        vendor()
          .post(V3_SUBMIT)
          .reply(200, predictionAnswer('pred_gen', 'created'))
          .get(result('pred_gen'))
          .reply(200, predictionAnswer('pred_gen', 'completed', { outputs: [`${CDN}/out/gen.png`] }));
        nock(CDN).get('/out/gen.png').reply(200, Buffer.from(PNG_64), { 'content-type': 'image/png' });
      },
    },
    edit: {
      request: { ...V3, images: [{ url: 'https://example.com/cat.png' }] },
      setup: () => {
        vendor()
          .post(V3_EDIT, (body) => JSON.stringify(body.images) === JSON.stringify(['https://example.com/cat.png']))
          .reply(200, predictionAnswer('pred_edit', 'created'))
          .get(result('pred_edit'))
          .reply(200, predictionAnswer('pred_edit', 'completed', { outputs: [`${CDN}/out/edit.png`] }));
        nock(CDN).get('/out/edit.png').reply(200, Buffer.from(PNG_32), { 'content-type': 'image/png' });
      },
    },
    unauthorized: { request: V3, setup: () => void vendor().post(V3_SUBMIT).times(2).reply(401, INVALID_SIGNATURE) },
    quotaExceeded: { request: V3, setup: () => void vendor().post(V3_SUBMIT).reply(403, INSUFFICIENT_BALANCE) },
    rateLimitedThenSucceeds: {
      request: V3,
      setup: () => {
        vendor()
          .post(V3_SUBMIT)
          .reply(429, gptProtoError(429, 'Too Many Requests'), { 'Retry-After': '1' })
          .post(V3_SUBMIT)
          .reply(200, predictionAnswer('pred_429', 'completed', { outputs: [`${CDN}/out/429.png`] }));
        nock(CDN).get('/out/429.png').reply(200, Buffer.from(PNG_64), { 'content-type': 'image/png' });
      },
    },
    contentPolicy: { request: V3, setup: () => void vendor().post(V3_SUBMIT).reply(400, CONTENT_BLOCKED) },
    serverErrorOnSubmit: {
      request: V3,
      setup: () => void vendor().post(V3_SUBMIT).reply(500, gptProtoError(500, 'An internal server error occurred')),
    },
    malformedBody: {
      request: V3,
      setup: () => void vendor().post(V3_SUBMIT).reply(200, '{"data":{"id":"pred_cut","status":"crea'),
    },
    noImages: {
      request: V3,
      setup: () =>
        void vendor()
          .post(V3_SUBMIT)
          .reply(200, predictionAnswer('pred_empty', 'created'))
          .get(result('pred_empty'))
          .reply(200, predictionAnswer('pred_empty', 'completed', { outputs: [] })),
    },
    slowSubmit: {
      request: V3,
      setup: () => void vendor().post(V3_SUBMIT).delay(10_000).reply(200, predictionAnswer('pred_late', 'created')),
    },
  },
});
