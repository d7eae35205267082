import type { HttpTransport, ImageProvider, ImageRequest } from '@imagegate/core';

/**
 * The scenarios a provider implements as vendor answers (nock interceptors, or
 * a scripted fake). Which are required follows the manifest: `edit` when a
 * model declares edit, the `async*` ones when a model is asynchronous,
 * `cancel` when a model declares cancel. Scenarios added later are gated the
 * same way, so a provider's tests keep passing when the suite grows.
 */
export const SCENARIO_NAMES = [
  'generate',
  'edit',
  'asyncSucceeds',
  'asyncFails',
  'asyncNeverFinishes',
  'unauthorized',
  'quotaExceeded',
  'rateLimitedThenSucceeds',
  'contentPolicy',
  'serverErrorOnSubmit',
  'malformedBody',
  'noImages',
  'slowSubmit',
  'cancel',
  'taskVanishes',
] as const;

export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** Scenarios checked only when a provider gives them (a vendor's "no such task" answer has too many shapes to ask). */
export const OPT_IN_SCENARIOS = ['taskVanishes'] as const satisfies readonly ScenarioName[];

/** What each scenario's vendor answers must do (the suite checks the normalised outcome). */
export const SCENARIO_DESCRIPTIONS: Record<ScenarioName, string> = {
  generate: 'answers a text-to-image request with at least one image',
  edit: 'answers a request with input images with at least one image',
  asyncSucceeds: 'answers a task, reports it queued/running for at least 2 polls, then completed with an image',
  asyncFails: 'answers a task whose poll reports it failed',
  asyncNeverFinishes: 'answers a task that stays running on every poll (persist the poll answer)',
  unauthorized: 'answers the submit with 401 (exactly one interceptor: no retry)',
  quotaExceeded: "answers the submit with the vendor's quota or balance error (402 or 403)",
  rateLimitedThenSucceeds: 'answers 429 with "Retry-After: 1", then succeeds',
  contentPolicy: "answers the vendor's content-policy refusal",
  serverErrorOnSubmit: 'answers the submit with a 5xx once (a resubmit finds no interceptor)',
  malformedBody: 'answers 200 with a truncated or non-JSON body',
  noImages: 'answers success without any image (synchronous answer, or a completed task)',
  slowSubmit: 'answers the submit only after 10 s (e.g. nock .delay(10_000)); the suite aborts it',
  cancel:
    'answers a task that stays running on every poll (persist it) and accepts ' +
    "the vendor's cancel request for it (needed when a model declares cancel)",
  taskVanishes:
    'answers a task, then a poll saying the vendor no longer has it (its own "not found" answer, a 404, an ' +
    '"expired" status); opt-in: checked when given',
};

/** What a scenario's `setup` is handed. */
export interface ScenarioContext {
  /** The key the provider is created with (never to appear in any output). */
  apiKey: string;
}

/** What a scenario's `setup` may return. */
export interface ScenarioWorld {
  /** Serve this scenario from this transport instead of the suite's (for in-memory vendors). */
  transport?: HttpTransport;
  /** Extra end-of-scenario check (e.g. "every scripted answer was used"); throw to fail. */
  verify?: () => void;
}

/** One scenario: the request to send, and the vendor answers to arrange. */
export interface ContractScenario {
  /** The request (at least the model). Prompt defaults to "a red apple on a table". */
  request: Partial<ImageRequest> & { model: string };
  /** Arrange the vendor's answers: register nock interceptors, or return a world. */
  setup(ctx: ScenarioContext): void | ScenarioWorld | Promise<void | ScenarioWorld>;
}

/** Options of `describeProviderContract`. */
export interface ProviderContractOptions {
  /** Shown in test names. Default: the provider's name. */
  name?: string;
  /** Build the provider under test with this key and transport (pass both through). */
  createProvider(options: { apiKey: string; transport: HttpTransport }): ImageProvider;
  scenarios: Partial<Record<ScenarioName, ContractScenario>>;
  /** The key used throughout; must never appear in outputs. Default a random `sk-contract-…`. */
  apiKey?: string;
  /** The transport the suite wraps (default core's fetch transport, which nock sees). */
  transport?: HttpTransport;
  /** Bound for an abort to take effect, in ms. Default 1000. */
  abortWithinMs?: number;
}
