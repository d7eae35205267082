/**
 * @imagegate/core/testing: the provider contract suite and what provider
 * authors and hosts need to test offline.
 * @packageDocumentation
 */
export { describeProviderContract } from './describe-provider-contract.js';
export { assertNoLeak, contractChecks, ContractViolation, type ContractCheck } from './contract-checks.js';
export {
  SCENARIO_DESCRIPTIONS,
  SCENARIO_NAMES,
  type ContractScenario,
  type ProviderContractOptions,
  type ScenarioContext,
  type ScenarioName,
  type ScenarioWorld,
} from './contract-types.js';
export { createFakeProvider, FAKE_MODELS, type FakeModelId, type FakeProvider, type FakeProviderOptions } from './fake-provider.js';
export { createFakeVendor, FAKE_BASE_URL, type FakeReply, type FakeVendor, type FakeVendorOptions } from './fake-vendor.js';
export { encodePng, fixtureImage, JPEG_16, PNG_16, pngOfSize, toBase64, WEBP_16, type PngOptions } from './fixtures.js';
export { recordingTransport, type RecordedRequest, type RecordingTransport } from './recording-transport.js';
export { createSimulatedClock, type SimulatedClock } from './simulated-clock.js';
