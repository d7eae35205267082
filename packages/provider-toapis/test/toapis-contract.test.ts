import { describeProviderContract, type ContractScenario } from '@imagegate/testing';
import nock from 'nock';
import { afterEach } from 'vitest';
import { createToApis } from '../src/index.js';
import { bodyBytes, multipartParts } from './helpers.js';
import {
  BASE,
  CDN,
  GENERATIONS,
  PNG_32,
  pollPath,
  scriptTaskLifecycle,
  taskCompleted,
  taskCreated,
  taskFailed,
  taskState,
  toApisError,
  UPLOADS,
  uploaded,
} from './vendor-answers.js';

// The core contract, with ToAPIs answering as its documents show: a submit is
// a queued task, polls report queued/in_progress with progress, results are
// URLs on a CDN (answered with real PNG bytes, since core downloads them).
// Run for two families: Nano Banana (one image per task, n fanned out) and
// GPT Image 2 (n images in one task, a top-level tier).
const vendor = () => nock(BASE);
const poll = pollPath;
const cdnImage = (id: string) =>
  void nock(CDN).get(`/generated/${id}.png`).reply(200, Buffer.from(PNG_32), { 'content-type': 'image/png' });

// Abort runs leave their interceptors behind on purpose; start each test clean.
afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
});

/** The scenarios every family shares; `generate` and `edit` are the family's own. */
function contractFor(name: string, model: string, own: { generate: ContractScenario; edit: ContractScenario }) {
  describeProviderContract({
    name,
    createProvider: ({ apiKey, transport }) => createToApis({ apiKey, transport }),
    scenarios: { ...sharedScenarios(model), ...own },
  });
}

contractFor('toapis (gemini-2.5-flash-image-preview)', 'gemini-2.5-flash-image-preview', {
  generate: {
    // n = 2 fans out into two concurrent tasks of n = 1.
    request: { model: 'gemini-2.5-flash-image-preview', size: '16:9', n: 2 },
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
    request: {
      model: 'nano-banana',
      images: [{ data: PNG_32, mimeType: 'image/png' }, { url: 'https://example.com/reference.jpg' }],
    },
    setup: () => {
      vendor()
        .post(UPLOADS)
        .reply(200, uploaded(`${CDN}/uploads/ref-0.png`));
      vendor()
        .post(
          GENERATIONS,
          (body) =>
            body.model === 'nano-banana' &&
            JSON.stringify(body.image_urls) ===
              JSON.stringify([`${CDN}/uploads/ref-0.png`, 'https://example.com/reference.jpg']),
        )
        .reply(200, taskCreated('task_edit', 'nano-banana'));
      vendor().get(poll('task_edit')).reply(200, taskCompleted('task_edit'));
      cdnImage('task_edit');
    },
  },
});

contractFor('toapis (gpt-image-2)', 'gpt-image-2', {
  generate: {
    // n = 2 is one task of n 2 at 2K, answered with two URLs.
    request: { model: 'gpt-image-2', size: '16:9', resolution: '2K', n: 2 },
    setup: () => {
      vendor()
        .post(
          GENERATIONS,
          (body) => body.n === 2 && body.resolution === '2k' && body.size === '16:9' && body.metadata === undefined,
        )
        .reply(200, taskCreated('task_two', 'gpt-image-2'));
      vendor()
        .get(poll('task_two'))
        .reply(200, taskCompleted('task_two', [`${CDN}/generated/task_two_a.png`, `${CDN}/generated/task_two_b.png`]));
      cdnImage('task_two_a');
      cdnImage('task_two_b');
    },
  },
  edit: {
    request: {
      model: 'gpt-image-2',
      images: [{ data: PNG_32, mimeType: 'image/png' }],
      mask: { data: PNG_32, mimeType: 'image/png' },
    },
    setup: () => {
      // The image and the mask are uploaded concurrently: each answer names the file it stored.
      vendor()
        .post(UPLOADS)
        .times(2)
        .reply(200, (_uri, body) =>
          uploaded(`${CDN}/uploads/${multipartParts(bodyBytes(body)).find((part) => part.name === 'file')!.filename}`),
        );
      vendor()
        .post(
          GENERATIONS,
          (body) =>
            body.image_urls?.[0] === `${CDN}/uploads/images-0.png` && body.mask_url === `${CDN}/uploads/mask.png`,
        )
        .reply(200, taskCreated('task_mask', 'gpt-image-2'));
      vendor().get(poll('task_mask')).reply(200, taskCompleted('task_mask'));
      cdnImage('task_mask');
    },
  },
});

/** The answers that do not depend on the family beyond the model named. */
function sharedScenarios(MODEL: string): Record<string, ContractScenario> {
  return {
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
    // ToAPIs answers 404 for a task it no longer has (expired or unknown).
    taskVanishes: {
      request: { model: MODEL },
      setup: () =>
        void vendor()
          .post(GENERATIONS)
          .reply(200, taskCreated('task_gone'))
          .get(poll('task_gone'))
          .reply(404, toApisError(404, 'Task not found', 'not_found_error')),
    },
    asyncNeverFinishes: {
      request: { model: MODEL },
      setup: () => {
        vendor().post(GENERATIONS).reply(200, taskCreated('task_stuck'));
        vendor()
          .get(poll('task_stuck'))
          .reply(200, taskState('task_stuck', 'in_progress', 40))
          .persist();
      },
    },
    unauthorized: {
      request: { model: MODEL },
      setup: () =>
        void vendor()
          .post(GENERATIONS)
          .reply(401, toApisError(401, 'Authentication failed, please check your API key', 'authentication_error')),
    },
    quotaExceeded: {
      request: { model: MODEL },
      setup: () =>
        void vendor().post(GENERATIONS).reply(402, toApisError('insufficient_quota', 'Insufficient balance')),
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
      setup: () =>
        void vendor().post(GENERATIONS).reply(422, toApisError('content_policy_violation', 'Content policy violation')),
    },
    serverErrorOnSubmit: {
      request: { model: MODEL },
      setup: () => void vendor().post(GENERATIONS).reply(500, toApisError('internal_error', 'Internal server error')),
    },
    malformedBody: {
      request: { model: MODEL },
      setup: () =>
        void vendor()
          .post(GENERATIONS)
          .reply(200, '{"id":"task_img_abc123","object":"generation.ta', { 'content-type': 'application/json' }),
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
  };
}
