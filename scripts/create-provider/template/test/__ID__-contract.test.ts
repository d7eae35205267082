import { describeProviderContract, encodePng } from '@imagegate/testing';
import nock from 'nock';
import { afterEach } from 'vitest';
import { __CONST___BASE_URL, __FACTORY__ } from '../src/index.js';

// The core contract, with __NAME__ answering as its API does: `POST /v1/predictions`
// answers a prediction (`starting`, or already `succeeded` with output URLs),
// polls move it through processing to succeeded or failed, results are PNGs on a
// CDN, and errors are `{ error: { code, message } }`. Every scenario the manifest
// requires is here (async models with cancel); remove one and the suite fails.
const MODEL = '__ID__-image-1';
const CDN = 'https://cdn.__ID__.example';
const PREDICTIONS = '/v1/predictions';
const PNG = Buffer.from(encodePng(32, 32));
const vendor = () => nock(__CONST___BASE_URL);
const poll = (id: string) => `${PREDICTIONS}/${id}`;
const prediction = (id: string, status: string, extra: object = {}) => ({ id, model: MODEL, status, ...extra });
const finished = (id: string, count = 1) =>
  prediction(id, 'succeeded', { output: Array.from({ length: count }, (_, i) => `${CDN}/${id}-${i}.png`) });
const served = (id: string, count = 1) =>
  void nock(CDN)
    .get(new RegExp(`^/${id}-\\d\\.png$`))
    .times(count)
    .reply(200, PNG, { 'content-type': 'image/png' });
const vendorError = (code: string, message: string) => ({ error: { code, message } });

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
      // A prediction that has finished by the time the submit answers: images at once, no poll.
      request: { model: MODEL, size: '16:9', n: 2 },
      setup: () => {
        vendor()
          .post(PREDICTIONS, (body) => body.input.num_outputs === 2 && body.input.aspect_ratio === '16:9')
          .reply(201, finished('p_now', 2));
        served('p_now', 2);
      },
    },
    asyncSucceeds: {
      request: { model: MODEL },
      setup: () => {
        vendor()
          .post(PREDICTIONS)
          .reply(201, prediction('p_ok', 'starting'))
          .get(poll('p_ok'))
          .reply(200, prediction('p_ok', 'starting'))
          .get(poll('p_ok'))
          .reply(200, prediction('p_ok', 'processing', { progress: 40 }))
          .get(poll('p_ok'))
          .reply(200, finished('p_ok'));
        served('p_ok');
      },
    },
    asyncFails: {
      request: { model: MODEL },
      setup: () =>
        void vendor()
          .post(PREDICTIONS)
          .reply(201, prediction('p_fail', 'starting'))
          .get(poll('p_fail'))
          .reply(200, prediction('p_fail', 'failed', { error: 'CUDA out of memory' })),
    },
    asyncNeverFinishes: {
      request: { model: MODEL },
      setup: () => {
        vendor().post(PREDICTIONS).reply(201, prediction('p_stuck', 'starting'));
        vendor()
          .get(poll('p_stuck'))
          .reply(200, prediction('p_stuck', 'processing', { progress: 10 }))
          .persist();
      },
    },
    // Opt-in, and worth giving: a prediction __NAME__ no longer has (expired, deleted) is a 404 to its poll.
    taskVanishes: {
      request: { model: MODEL },
      setup: () =>
        void vendor()
          .post(PREDICTIONS)
          .reply(201, prediction('p_gone', 'starting'))
          .get(poll('p_gone'))
          .reply(404, vendorError('not_found', 'Prediction not found')),
    },
    cancel: {
      request: { model: MODEL },
      setup: () => {
        vendor().post(PREDICTIONS).reply(201, prediction('p_cancel', 'starting'));
        vendor().get(poll('p_cancel')).reply(200, prediction('p_cancel', 'processing')).persist();
        vendor()
          .post(`${poll('p_cancel')}/cancel`)
          .reply(200, prediction('p_cancel', 'canceled'));
      },
    },
    unauthorized: {
      request: { model: MODEL },
      setup: () => void vendor().post(PREDICTIONS).reply(401, vendorError('unauthorized', 'Invalid API token')),
    },
    quotaExceeded: {
      request: { model: MODEL },
      setup: () =>
        void vendor().post(PREDICTIONS).reply(402, vendorError('insufficient_credit', 'Add credit to run predictions')),
    },
    rateLimitedThenSucceeds: {
      request: { model: MODEL },
      setup: () => {
        vendor()
          .post(PREDICTIONS)
          .reply(429, vendorError('rate_limited', 'Slow down'), { 'Retry-After': '1' })
          .post(PREDICTIONS)
          .reply(201, finished('p_later'));
        served('p_later');
      },
    },
    contentPolicy: {
      // A 400 whose vendor code, not its wording, says content policy: map__NAME__Error's table.
      request: { model: MODEL },
      setup: () => void vendor().post(PREDICTIONS).reply(400, vendorError('content_moderated', 'Prompt refused')),
    },
    serverErrorOnSubmit: {
      request: { model: MODEL },
      setup: () => void vendor().post(PREDICTIONS).reply(500, vendorError('internal', 'Internal error')),
    },
    malformedBody: {
      request: { model: MODEL },
      setup: () =>
        void vendor()
          .post(PREDICTIONS)
          .reply(201, '{"id":"p_cut","status":"start', { 'content-type': 'application/json' }),
    },
    noImages: {
      request: { model: MODEL },
      setup: () =>
        void vendor()
          .post(PREDICTIONS)
          .reply(201, prediction('p_empty', 'succeeded', { output: [] })),
    },
    slowSubmit: {
      request: { model: MODEL },
      setup: () => void vendor().post(PREDICTIONS).delay(10_000).reply(201, prediction('p_slow', 'starting')),
    },
  },
});
