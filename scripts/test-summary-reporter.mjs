// A node:test reporter that prints a timing line, then the closing line CI looks
// for: `<name>: N passed, N failed`. The name comes from TEST_SUMMARY_NAME
// (set by run-node-tests.mjs).
const started = performance.now();

export default async function* summary(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip || event.data.todo) skipped++;
    else if (event.type === 'test:pass') passed++;
    else failed++;
  }
  const name = process.env.TEST_SUMMARY_NAME ?? 'tests';
  yield `${name}: took ${((performance.now() - started) / 1000).toFixed(1)} s\n`;
  yield `${name}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
}
