/**
 * @imagegate/provider-toapis/testing: a local ToAPIs emulator for tests,
 * demos and offline workflows (n8n included). Tasks run on the real clock
 * (queued → in_progress → completed), uploads and results are served by the
 * emulator itself, and faults are scripted in code or marked in the prompt
 * (`[fault:task-fails]`).
 * @packageDocumentation
 */
export {
  startToApisEmulator,
  TOAPIS_FAULT_MARKERS,
  TOAPIS_LIMITER_UNAVAILABLE_BODY,
  type ToApisEmulator,
  type ToApisEmulatorFault,
  type ToApisEmulatorOptions,
} from './toapis-emulator.js';
export { faultMarkers, type EmulatorFault } from '@imagegate/testing/fakes';
export type { EmulatorRequest } from '@imagegate/testing/fakes';
export type { EmulatedTask, TaskOutcome } from './toapis-emulator-tasks.js';
export type { EmulatedFile } from './toapis-emulator-context.js';
