/**
 * __PACKAGE__/testing: a local __NAME__ emulator, for demos, n8n workflows and tests over real HTTP.
 * @packageDocumentation
 */
export { start__NAME__Emulator, type __NAME__Emulator, type __NAME__EmulatorOptions } from './__ID__-emulator.js';
