import { encodePng, toBase64 } from '@imagegate/core/fakes';
import { describeProviderContract } from '@imagegate/core/testing';
import nock from 'nock';
import { afterEach } from 'vitest';
import { __CONST___BASE_URL, __FACTORY__ } from '../src/index.js';

// The core contract, with __NAME__ answering as its API does: a synchronous
// `POST /v1/images/generations` that answers `{ data: [{ b64_json }] }`, and
// errors as `{ error: { message } }`. Every scenario the manifest requires is
// here; remove one and the suite fails. `edit` and the `async*` scenarios show
// as skipped: no model declares edit, none is asynchronous.
const MODEL = '__ID__-image-1';
const GENERATIONS = '/v1/images/generations';
const vendor = () => nock(__CONST___BASE_URL);
const images = (count = 1) => ({ created: 1_700_000_000, data: Array.from({ length: count }, (_, i) => ({ b64_json: toBase64(encodePng(64, 64, { seed: i + 1 })) })) });
const vendorError = (message: string) => ({ error: { message } });

// Abort runs leave their interceptors behind on purpose; start each test clean.
afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
});

describeProviderContract({
  name: '__ID__',
  createProvider: ({ apiKey, transport }) => __FACTORY__({ apiKey, transport }),
  scenarios: {
    generate: {
      request: { model: MODEL, size: '1536x1024', n: 2 },
      setup: () => void vendor().post(GENERATIONS, (body) => body.n === 2 && body.size === '1536x1024').reply(200, images(2)),
    },
    unauthorized: {
      request: { model: MODEL },
      setup: () => void vendor().post(GENERATIONS).reply(401, vendorError('Invalid API key')),
    },
    quotaExceeded: {
      request: { model: MODEL },
      setup: () => void vendor().post(GENERATIONS).reply(402, vendorError('Insufficient credits')),
    },
    rateLimitedThenSucceeds: {
      request: { model: MODEL },
      setup: () =>
        void vendor()
          .post(GENERATIONS)
          .reply(429, vendorError('Too many requests'), { 'Retry-After': '1' })
          .post(GENERATIONS)
          .reply(200, images()),
    },
    contentPolicy: {
      // A 422 whatever the wording: map__NAME__Error's rule.
      request: { model: MODEL },
      setup: () => void vendor().post(GENERATIONS).reply(422, vendorError('Prompt refused')),
    },
    serverErrorOnSubmit: {
      request: { model: MODEL },
      setup: () => void vendor().post(GENERATIONS).reply(500, vendorError('Internal error')),
    },
    malformedBody: {
      request: { model: MODEL },
      setup: () => void vendor().post(GENERATIONS).reply(200, '{"created":1700000000,"data":[{"b64_json":"iVBORw0KGgo', { 'content-type': 'application/json' }),
    },
    noImages: {
      request: { model: MODEL },
      setup: () => void vendor().post(GENERATIONS).reply(200, { created: 1_700_000_000, data: [] }),
    },
    slowSubmit: {
      request: { model: MODEL },
      setup: () => void vendor().post(GENERATIONS).delay(10_000).reply(200, images()),
    },
  },
});
