// How far one Image → Generate travels through the code: the source files whose
// functions run while the request is served (V8 precise coverage, counters
// reset just before it), and the call stack, in our packages, at the moment
// the node hands the vendor request to n8n (sync and awaited frames).
// Run with `pnpm --filter @imagegate/n8n measure:request-path`.
import { Session } from 'node:inspector/promises';
import { toBase64, useNock } from '@imagegate/testing';
import nock from 'nock';
import { expect, it } from 'vitest';
import { executeFunctions } from '../test/execute-functions.js';
import { credentials, GPTPROTO, model, node, png } from '../test/run-node.js';

useNock();

const PACKAGES = /\/packages\/([^/]+)\/src\//;
// Entry files only re-export (their getters would count as run).
const ours = (url: string) => PACKAGES.test(url) && !/\.test\.ts|\/test\/|\/src\/(index|provider)\.ts$/.test(url);
const short = (url: string) => url.replace(/^.*\/packages\//, '');

it('prints the files and the call depth of one Generate request', async () => {
  const parameters = {
    provider: 'gptproto',
    resource: 'image',
    operation: 'generate',
    model: model('gpt-image-2'),
    prompt: 'a cat',
  };
  const reply = () => ({ created: 1, data: [{ b64_json: toBase64(png) }] });
  // Once to load every module, then measured.
  nock(GPTPROTO).post('/v1/images/generations').times(2).reply(200, reply);
  await node.execute.call(executeFunctions(node, { credentials, parameters }));

  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
  await session.post('Profiler.takePreciseCoverage'); // resets the counters

  const fns = executeFunctions(node, { credentials, parameters });
  let stack = '';
  // The host's HTTP helpers (the fake n8n's), wrapped to see who calls them.
  for (const name of ['httpRequest', 'httpRequestWithAuthentication'] as const) {
    const send = fns.helpers[name] as (...args: unknown[]) => unknown;
    (fns.helpers as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = Infinity;
      stack ||= new Error().stack ?? '';
      Error.stackTraceLimit = limit;
      return send.apply(this, args);
    };
  }
  const [out] = await node.execute.call(fns);
  const { result } = await session.post('Profiler.takePreciseCoverage');
  await session.post('Profiler.stopPreciseCoverage');
  session.disconnect();
  expect(out?.[0]?.binary?.data).toBeDefined();

  // A file is crossed when a function in it (not its module body) ran.
  const files = result
    .filter((s) => ours(s.url) && s.functions.some((f, i) => i > 0 && f.ranges[0]!.count > 0))
    .map((s) => short(s.url))
    .sort();
  const frames = stack
    .split('\n')
    .slice(1)
    .map((line) => /\((.*?):\d+:\d+\)|at (?:async )?(\/\S+?):\d+:\d+/.exec(line))
    .map((m) => m?.[1] ?? m?.[2] ?? '')
    .filter(ours);
  let crossings = 0;
  for (let i = 1; i < frames.length; i++)
    if (PACKAGES.exec(frames[i]!)![1] !== PACKAGES.exec(frames[i - 1]!)![1]) crossings++;
  const perPackage = new Map<string, number>();
  for (const f of files) perPackage.set(f.split('/')[0]!, (perPackage.get(f.split('/')[0]!) ?? 0) + 1);
  console.log(
    [
      `Image → Generate (GPTProto gpt-image-2, one image): ${files.length} source files run`,
      ...[...perPackage].map(([p, n]) => `  ${p}: ${n}`),
      `call depth where the request leaves for n8n: ${frames.length} frames in our packages, ` +
        `${crossings} package boundaries crossed`,
      ...frames.map((f) => `    ${short(f)}`),
      '',
      'files:',
      ...files.map((f) => `  ${f}`),
    ].join('\n'),
  );
  expect(files.length).toBeGreaterThan(0);
});
