import { describeProviderContract } from '@imagegate/testing';
import nock from 'nock';
import { afterEach } from 'vitest';
import { createToApis } from '../src/index.js';
import { BASE, CDN, GENERATIONS, PNG_32, pollPath, scriptTaskLifecycle, taskCompleted, taskCreated, taskFailed, taskState, toApisError, UPLOADS, uploaded } from './vendor-answers.js';

// The core contract, with ToAPIs answering as its documents show: a submit is
// a queued task, polls report queued/in_progress with progress, results are
// URLs on a CDN (answered with real PNG bytes, since core downloads them).
const MODEL = 'gemini-2.5-flash-image-preview';
const vendor = () => nock(BASE);
const poll = pollPath;
const cdnImage = (id: string) => void nock(CDN).get(`/generated/${id}.png`).reply(200, Buffer.from(PNG_32), { 'content-type': 'image/png' });

// Abort runs leave their interceptors behind on purpose; start each test clean.
afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
});

describeProviderContract({
  name: 'toapis',
  createProvider: ({ apiKey, transport }) => createToApis({ apiKey, transport }),
  scenarios: {
    generate: {
      // n = 2 fans out into two concurrent tasks of n = 1.
      request: { model: MODEL, size: '16:9', n: 2 },
      setup: () => {
        let submitted = 0;
        vendor()
          .post(GENERATIONS, (body) => body.n === 1 && body.size === '16:9')
          .times(2)
          .reply(200, () => taskCreated(`task_gen_${++submitted}`));
        for (const id of ['task_gen_1', 'task_gen_2']) {
          vendor().get(poll(id)).reply(200, taskCompleted(id));
          cdnImage(id);
        }
      },
    },
    edit: {
      request: { model: 'nano-banana', images: [{ data: PNG_32, mimeType: 'image/png' }, { url: 'https://example.com/reference.jpg' }] },
      setup: () => {
        vendor().post(UPLOADS).reply(200, uploaded(`${CDN}/uploads/ref-0.png`));
        vendor()
          .post(GENERATIONS, (body) => body.model === 'nano-banana' && JSON.stringify(body.image_urls) === JSON.stringify([`${CDN}/uploads/ref-0.png`, 'https://example.com/reference.jpg']))
          .reply(200, taskCreated('task_edit', 'nano-banana'));
        vendor().get(poll('task_edit')).reply(200, taskCompleted('task_edit'));
        cdnImage('task_edit');
      },
    },
    asyncSucceeds: {
      request: { model: MODEL },
      setup: () => scriptTaskLifecycle('task_ok'),
    },
    asyncFails: {
      request: { model: MODEL },
      setup: () =>
        void vendor()
          .post(GENERATIONS)
          .reply(200, taskCreated('task_fail'))
          .get(poll('task_fail'))
          .reply(200, taskState('task_fail', 'in_progress', 20))
          .get(poll('task_fail'))
          .reply(200, taskFailed('task_fail')),
    },
    asyncNeverFinishes: {
      request: { model: MODEL },
      setup: () => {
        vendor().post(GENERATIONS).reply(200, taskCreated('task_stuck'));
        vendor().get(poll('task_stuck')).reply(200, taskState('task_stuck', 'in_progress', 40)).persist();
      },
    },
    unauthorized: {
      request: { model: MODEL },
      setup: () => void vendor().post(GENERATIONS).reply(401, toApisError(401, 'Authentication failed, please check your API key', 'authentication_error')),
    },
    quotaExceeded: {
      request: { model: MODEL },
      setup: () => void vendor().post(GENERATIONS).reply(402, toApisError('insufficient_quota', 'Insufficient balance')),
    },
    rateLimitedThenSucceeds: {
      request: { model: MODEL },
      setup: () => {
        vendor()
          .post(GENERATIONS)
          .reply(429, toApisError('rate_limit_exceeded', 'Rate limit exceeded'), { 'Retry-After': '1' })
          .post(GENERATIONS)
          .reply(200, taskCreated('task_after_429'))
          .get(poll('task_after_429'))
          .reply(200, taskCompleted('task_after_429'));
        cdnImage('task_after_429');
      },
    },
    contentPolicy: {
      request: { model: MODEL },
      setup: () => void vendor().post(GENERATIONS).reply(422, toApisError('content_policy_violation', 'Content policy violation')),
    },
    serverErrorOnSubmit: {
      request: { model: MODEL },
      setup: () => void vendor().post(GENERATIONS).reply(500, toApisError('internal_error', 'Internal server error')),
    },
    malformedBody: {
      request: { model: MODEL },
      setup: () => void vendor().post(GENERATIONS).reply(200, '{"id":"task_img_abc123","object":"generation.ta', { 'content-type': 'application/json' }),
    },
    noImages: {
      request: { model: MODEL },
      setup: () =>
        void vendor()
          .post(GENERATIONS)
          .reply(200, taskCreated('task_empty'))
          .get(poll('task_empty'))
          .reply(200, { ...taskCompleted('task_empty'), result: { type: 'image', data: [] } }),
    },
    slowSubmit: {
      request: { model: MODEL },
      setup: () => void vendor().post(GENERATIONS).delay(10_000).reply(200, taskCreated('task_slow')),
    },
  },
});
