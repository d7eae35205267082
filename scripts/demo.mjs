#!/usr/bin/env node
// `pnpm demo`: ImageGate's main job in one command. Starts the GPTProto and
// ToAPIs emulators in this process, then through each provider's public API
// (1) generates an image with GPTProto gpt-image-2, (2) edits it with Gemini
// through GPTProto's generateContent, (3) runs a ToAPIs async task with a live
// progress line, (4) makes today's flagship, Nano Banana Pro (Gemini 3 Pro
// Image) at 2K, as a prediction on GPTProto's asynchronous v3 API. Images go
// to ./out/, a summary table to stdout.
//
// With GPTPROTO_API_KEY / TOAPIS_API_KEY set, that provider's steps run
// against the real service instead (each provider on its own). This script
// reads them; the libraries never read the environment.
//
// Needs the packages built (`pnpm demo` builds them first).
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { loadBuilt as load, NotBuiltError, ROOT as root } from './load-built.mjs';

const outDir = join(root, 'out');
const tty = Boolean(process.stdout.isTTY);
/** The key the emulators accept (and the providers send) in emulator mode. */
const EMULATOR_KEY = 'sk-imagegate-demo';

/** A failure the demo explains in one line. */
class DemoError extends Error {}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** One terminal line redrawn in place on a TTY (ticking elapsed time); plain lines, one per change, otherwise. */
function progressLine(label) {
  const started = Date.now();
  let state = 'submitting';
  let progress;
  let printed = '';
  const bar = (p) => `[${'#'.repeat(Math.round(p / 5)).padEnd(20, '.')}]`;
  const text = () =>
    `  ${label}: ${state}${progress !== undefined ? ` ${bar(progress)} ${String(progress).padStart(3)}%` : ''}` +
    `  ${seconds(Date.now() - started)}`;
  const timer = tty ? setInterval(() => process.stdout.write(`\r\x1b[K${text()}`), 100) : undefined;
  return {
    update(event) {
      state = event.state;
      if (event.progress !== undefined) progress = Math.round(event.progress);
      if (tty) return process.stdout.write(`\r\x1b[K${text()}`);
      const line = `  ${label}: ${state}${progress !== undefined ? ` ${progress}%` : ''}`;
      if (line !== printed) console.log(`${line} (${seconds(Date.now() - started)})`);
      printed = line;
    },
    end() {
      clearInterval(timer);
      if (tty) process.stdout.write(`\r\x1b[K${text()}\n`);
    },
  };
}

function printTable(rows) {
  const headers = ['step', 'provider', 'model', 'mode', 'size', 'bytes', 'time', 'output'];
  const cells = rows.map((r) => [
    r.step,
    r.provider,
    r.model,
    r.mode,
    r.size ?? '-',
    r.bytes === undefined ? '-' : r.bytes.toLocaleString('en-US'),
    r.ms === undefined ? '-' : seconds(r.ms),
    r.file ?? r.error ?? '-',
  ]);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => String(c[i]).length)));
  const line = (values) =>
    values
      .map((v, i) => (i === 5 || i === 6 ? String(v).padStart(widths[i]) : String(v).padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

async function main() {
  const { generateImage, ImageGateError } = await load('core');
  const { extensionFor } = await load('core', './provider');
  const { createGptProto } = await load('provider-gptproto');
  const { startGptProtoEmulator } = await load('provider-gptproto', './testing');
  const { createToApis } = await load('provider-toapis');
  const { startToApisEmulator } = await load('provider-toapis', './testing');
  const { imagegate } = await load('ai-sdk');
  const ai = await import('ai');

  const gptKey = process.env.GPTPROTO_API_KEY?.trim();
  const toKey = process.env.TOAPIS_API_KEY?.trim();
  const emulators = [];
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort(new Error('interrupted')));

  try {
    let gptproto;
    let gptMode;
    if (gptKey) {
      gptproto = createGptProto({ apiKey: gptKey });
      gptMode = 'real';
      console.log('GPTProto: the real service (GPTPROTO_API_KEY is set)');
    } else {
      const emu = await startGptProtoEmulator({ apiKey: EMULATOR_KEY, latencyMs: 150 });
      emulators.push(emu);
      gptproto = createGptProto({ baseUrl: emu.url, apiKey: EMULATOR_KEY });
      gptMode = 'emulator';
      console.log(`GPTProto: emulator at ${emu.url} (set GPTPROTO_API_KEY to use the real service)`);
    }
    let toapis;
    let toMode;
    if (toKey) {
      toapis = createToApis({ apiKey: toKey });
      toMode = 'real';
      console.log('ToAPIs:   the real service (TOAPIS_API_KEY is set)');
    } else {
      const emu = await startToApisEmulator({ apiKey: EMULATOR_KEY, taskDurationMs: 3000 });
      emulators.push(emu);
      toapis = createToApis({ baseUrl: emu.url, apiKey: EMULATOR_KEY });
      toMode = 'emulator';
      console.log(`ToAPIs:   emulator at ${emu.url} (set TOAPIS_API_KEY to use the real service)`);
    }
    console.log('');

    const run = (mode) => ({ signal: stop.signal, timeoutMs: mode === 'real' ? 300_000 : 30_000 });
    /** An asynchronous generation with a live progress line. */
    const waited = async (label, mode, request) => {
      const line = progressLine(label);
      try {
        return await generateImage({
          ...request,
          onProgress: (event) => line.update(event),
          // The emulators' tasks take 3 s: poll often so the line moves; the real services keep their polling hints.
          ...(mode === 'emulator' ? { poll: { initialDelayMs: 250, intervalMs: 250, maxIntervalMs: 250 } } : {}),
          ...run(mode),
        });
      } finally {
        line.end();
      }
    };
    const steps = [
      {
        provider: 'GPTProto',
        model: 'gpt-image-2',
        mode: gptMode,
        name: 'gptproto-gpt-image-2',
        run: () =>
          generateImage({
            provider: gptproto,
            model: 'gpt-image-2',
            prompt: 'a lighthouse on a cliff at dawn, watercolour',
            size: '1536x1024',
            outputFormat: 'png',
            quality: 'low',
            ...run(gptMode),
          }),
      },
      {
        provider: 'GPTProto',
        model: 'gemini-2.5-flash-image',
        mode: gptMode,
        name: 'gptproto-gemini-edit',
        needs: 0,
        run: ([first]) =>
          generateImage({
            provider: gptproto,
            model: 'gemini-2.5-flash-image',
            prompt: 'add a red sailing boat on the sea below the lighthouse',
            images: [{ data: first.data, mimeType: first.mimeType }],
            ...run(gptMode),
          }),
      },
      {
        provider: 'ToAPIs',
        model: 'gemini-2.5-flash-image-preview',
        mode: toMode,
        name: 'toapis-nano-banana',
        run: () =>
          waited('ToAPIs task', toMode, {
            provider: toapis,
            model: 'gemini-2.5-flash-image-preview',
            prompt: 'a nano banana dish in a fancy restaurant',
            size: '16:9',
          }),
      },
      {
        provider: 'GPTProto',
        model: 'gemini-3-pro-image-preview (2K)',
        mode: gptMode,
        name: 'gptproto-nano-banana-pro-2k',
        run: () =>
          waited('GPTProto prediction', gptMode, {
            provider: gptproto,
            model: 'gemini-3-pro-image-preview', // Nano Banana Pro
            prompt: 'a lighthouse on a cliff at dawn, watercolour, wide',
            size: '16:9',
            resolution: '2K',
          }),
      },
      {
        provider: 'ToAPIs',
        model: 'gpt-image-2 via the AI SDK',
        mode: toMode,
        name: 'toapis-ai-sdk',
        // The Vercel AI SDK's own generateImage, with ToAPIs as an AI SDK provider (@imagegate/ai-sdk).
        run: async () => {
          const line = progressLine('AI SDK generateImage');
          try {
            const gateway = imagegate(toapis, {
              onProgress: (event) => line.update(event),
              ...(toMode === 'emulator' ? { poll: { initialDelayMs: 250, intervalMs: 250, maxIntervalMs: 250 } } : {}),
              timeoutMs: run(toMode).timeoutMs,
            });
            const result = await ai.generateImage({
              model: gateway.imageModel('gpt-image-2'),
              prompt: 'a lighthouse on a cliff at dawn, watercolour, wide',
              aspectRatio: '16:9',
              providerOptions: { imagegate: { resolution: '1K' } },
              abortSignal: stop.signal,
            });
            const meta = result.providerMetadata.imagegate.images[0];
            return {
              images: [
                { data: result.image.uint8Array, mimeType: meta.mimeType, width: meta.width, height: meta.height },
              ],
            };
          } finally {
            line.end();
          }
        },
      },
    ];

    await mkdir(outDir, { recursive: true });
    const rows = [];
    const results = [];
    for (const [i, step] of steps.entries()) {
      const row = { step: i + 1, provider: step.provider, model: step.model, mode: step.mode };
      rows.push(row);
      if (step.needs !== undefined && !results[step.needs]) {
        row.error = `skipped: needs step ${step.needs + 1}`;
        console.log(`${i + 1}/${steps.length} ${step.provider} ${step.model} (${step.mode}): ${row.error}`);
        continue;
      }
      console.log(`${i + 1}/${steps.length} ${step.provider} ${step.model} (${step.mode})`);
      const started = Date.now();
      try {
        const { images } = await step.run(step.needs === undefined ? [] : [results[step.needs]]);
        const image = images[0];
        const file = join(outDir, `${i + 1}-${step.name}.${extensionFor(image.mimeType)}`);
        await writeFile(file, image.data);
        Object.assign(row, {
          ms: Date.now() - started,
          size: `${image.width}x${image.height}`,
          bytes: image.data.byteLength,
          file: relative(root, file),
        });
        results[i] = image;
        console.log(
          `  ${row.size} ${image.mimeType}, ${row.bytes.toLocaleString('en-US')} ` +
            `bytes in ${seconds(row.ms)} → ${row.file}`,
        );
      } catch (error) {
        row.ms = Date.now() - started;
        row.error = ImageGateError.is(error) ? `${error.code}` : 'error';
        row.message = error instanceof Error ? error.message : String(error);
        console.log(`  failed: ${row.message}`);
      }
    }

    console.log('');
    printTable(rows);
    const failed = rows.filter((r) => r.error);
    if (failed.length > 0) {
      console.error(
        `\nDemo failed: ${failed
          .map((r) => `step ${r.step} (${r.provider} ${r.model}, ${r.mode}): ${r.message ?? r.error}`)
          .join('; ')}`,
      );
      return 1;
    }
    console.log(`\n${rows.length} images written to ${relative(process.cwd(), outDir) || '.'}/`);
    return 0;
  } finally {
    await Promise.all(emulators.map((e) => e.close()));
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    const explained = error instanceof DemoError || error instanceof NotBuiltError;
    console.error(`Demo failed: ${explained ? error.message : (error?.stack ?? error)}`);
    process.exit(1);
  },
);
