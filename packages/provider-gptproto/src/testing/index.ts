/**
 * @imagegate/provider-gptproto/testing: a local GPTProto emulator for tests,
 * demos and offline workflows (n8n included). It answers every endpoint the
 * provider uses with real images, checks the API key, and plays faults
 * scripted in code or marked in the prompt (`[fault:429-once]`).
 * @packageDocumentation
 */
export {
  GPTPROTO_FAULT_MARKERS,
  startGptProtoEmulator,
  type GptProtoEmulator,
  type GptProtoEmulatorFault,
  type GptProtoEmulatorOptions,
} from './gptproto-emulator.js';
export { faultMarkers, type EmulatorFault } from '@imagegate/testing/fakes';
export type { EmulatorRequest } from '@imagegate/testing/fakes';
