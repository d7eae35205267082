/** The test functions the checks run with (vitest's, or any with the same shape). */
export interface TestRunner {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => void | Promise<void>): void;
  /* eslint-disable-next-line @typescript-eslint/no-explicit-any --
     any test runner's expect: its matchers are typed by the runner */
  expect: (value: unknown) => any;
}

/** Check a built n8n node package as n8n installs and verifies it (see the module). */
export function describeNodePackage(root: string, runner: TestRunner): void;

/** What n8n's community-package scanner reports on these JavaScript files (`path: message`); empty when they pass. */
export function scannerFindings(root: string, jsFiles: string[]): Promise<string[]>;
