import type { ContractScenario, FakeReply, FakeVendorOptions, ScenarioName } from '../src/index.js';
import { createFakeVendor, PNG_16 } from '../src/index.js';

/** Contract scenarios for the fake provider: each scripts an in-memory vendor. */
function scripted(
  model: 'fake-sync' | 'fake-async',
  vendor: FakeVendorOptions = {},
  extra: Partial<ContractScenario['request']> = {},
): ContractScenario {
  return {
    request: { model, ...extra },
    setup: () => {
      const fake = createFakeVendor({ mode: model === 'fake-async' ? 'async' : 'sync', ...vendor });
      return {
        transport: fake.transport,
        verify: () => {
          if (fake.pendingScript() > 0) throw new Error(`${fake.pendingScript()} scripted answers were not used`);
        },
      };
    },
  };
}

const submit = (...replies: FakeReply[]) => ({ script: { submit: replies } });

export const fakeScenarios: Record<ScenarioName, ContractScenario> = {
  generate: scripted('fake-sync', {}, { n: 2 }),
  edit: scripted('fake-sync', {}, { images: [{ data: PNG_16, mimeType: 'image/png' }] }),
  asyncSucceeds: scripted('fake-async', { pollsUntilDone: 3 }),
  asyncFails: scripted('fake-async', {
    script: {
      poll: [
        { status: 200, json: { status: 'running', progress: 10 } },
        { status: 200, json: { status: 'failed', error: 'generation_failed' } },
      ],
    },
  }),
  asyncNeverFinishes: scripted('fake-async', { pollsUntilDone: Number.POSITIVE_INFINITY }),
  // Every poll: the vendor no longer knows the task.
  taskVanishes: {
    request: { model: 'fake-async' },
    setup: () => {
      const fake = createFakeVendor({ mode: 'async' });
      const gone = { error: { message: 'Task not found', code: 'not_found' } };
      return {
        transport: async (request) =>
          request.method === 'GET' && new URL(request.url).pathname.startsWith('/v1/tasks/')
            ? { status: 404, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(gone)) }
            : fake.transport(request),
      };
    },
  },
  unauthorized: scripted(
    'fake-sync',
    submit({ status: 401, json: { error: { message: 'Invalid signature', type: '401' } } }),
  ),
  quotaExceeded: scripted('fake-sync', submit({ status: 402, json: { error: { message: 'insufficient balance' } } })),
  rateLimitedThenSucceeds: scripted(
    'fake-sync',
    submit({ status: 429, headers: { 'retry-after': '1' }, json: { error: { message: 'slow down' } } }),
  ),
  contentPolicy: scripted(
    'fake-sync',
    submit({
      status: 400,
      json: { error: { message: 'Your request was rejected by the content policy (safety system)' } },
    }),
  ),
  serverErrorOnSubmit: scripted('fake-sync', submit({ status: 500, json: { error: { message: 'internal error' } } })),
  malformedBody: scripted('fake-sync', submit({ status: 200, text: '{"data":[{"b64_json":"iVBORw0KGgo' })),
  noImages: scripted('fake-sync', submit({ status: 200, json: { data: [] } })),
  slowSubmit: scripted('fake-sync', submit({ hang: true })),
  cancel: {
    request: { model: 'fake-async' },
    setup: () => {
      const fake = createFakeVendor({ mode: 'async', pollsUntilDone: Number.POSITIVE_INFINITY });
      return {
        transport: fake.transport,
        verify: () => {
          if (!fake.requests.some((r) => r.method === 'POST' && r.url.endsWith('/cancel')))
            throw new Error('the vendor never received a cancel');
        },
      };
    },
  },
};
