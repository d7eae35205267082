/**
 * @imagegate/testing/fakes: offline stand-ins with no test-runner dependency
 * (usable from emulators, demos, benchmarks and any test runner): real image
 * fixtures, the fake provider and vendor, a simulated clock, a recording
 * transport. `@imagegate/testing` re-exports all of it.
 * @packageDocumentation
 */
export {
  createFakeProvider,
  FAKE_MODELS,
  type FakeModelId,
  type FakeProvider,
  type FakeProviderOptions,
} from './fake-provider.js';
export {
  createFakeVendor,
  FAKE_BASE_URL,
  type FakeReply,
  type FakeVendor,
  type FakeVendorOptions,
} from './fake-vendor.js';
export { encodePng, fixtureImage, JPEG_16, PNG_16, pngOfSize, toBase64, WEBP_16, type PngOptions } from './fixtures.js';
export { recordingTransport, type RecordedRequest, type RecordingTransport } from './recording-transport.js';
export { createSimulatedClock, type SimulatedClock } from './simulated-clock.js';
export { captureImageGateError } from './capture-error.js';
export { modelTableProblems } from './model-table.js';
export { encodeSolidJpeg, encodeSolidWebp, type Rgb } from './encode-solid.js';
// Building blocks of the vendor emulators (a local HTTP server with a request
// log, scripted faults and prompt markers), for providers' own emulators.
export * from './emulator/emulator-http.js';
export * from './emulator/emulator-faults.js';
export * from './emulator/emulator-tasks.js';
export * from './emulator/emulator-files.js';
export * from './emulator/emulator-routes.js';
