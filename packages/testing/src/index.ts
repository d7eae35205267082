/**
 * @imagegate/testing: the provider contract suite (vitest, an optional
 * peer) plus everything in `@imagegate/testing/fakes`.
 * @packageDocumentation
 */
export { describeProviderContract } from './describe-provider-contract.js';
export { assertNoLeak, contractChecks, ContractViolation, type ContractCheck } from './contract-checks.js';
export {
  OPT_IN_SCENARIOS,
  SCENARIO_DESCRIPTIONS,
  SCENARIO_NAMES,
  type ContractScenario,
  type ProviderContractOptions,
  type ScenarioContext,
  type ScenarioName,
  type ScenarioWorld,
} from './contract-types.js';
export { useNock } from './use-nock.js';
export { bodyBytes, multipartParts, type MultipartPart } from './request-bodies.js';
export * from './fakes.js';
