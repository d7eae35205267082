import type { Usage } from '@imagegate/core';

/** OpenAI-style usage (`/v1/images/*` answers and stream `completed` events). */
export interface OpenAiUsage {
  input_tokens?: unknown;
  output_tokens?: unknown;
  total_tokens?: unknown;
}

/** Gemini `usageMetadata` (generateContent answers). */
export interface GeminiUsageMetadata {
  promptTokenCount?: unknown;
  candidatesTokenCount?: unknown;
  totalTokenCount?: unknown;
}

/** Token usage from either answer style; undefined when the answer reports none. */
export function readUsage(answer: { usage?: unknown; usageMetadata?: unknown }): Usage | undefined {
  const openai = asObject<OpenAiUsage>(answer.usage);
  if (openai) return usage(openai.input_tokens, openai.output_tokens, openai.total_tokens);
  const gemini = asObject<GeminiUsageMetadata>(answer.usageMetadata);
  if (gemini) return usage(gemini.promptTokenCount, gemini.candidatesTokenCount, gemini.totalTokenCount);
  return undefined;
}

/** Add usages up (streamed answers report one per completed image). */
export function addUsage(a: Usage | undefined, b: Usage | undefined): Usage | undefined {
  if (!a) return b;
  if (!b) return a;
  const sum = (x?: number, y?: number) => (x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0));
  return strip({ inputTokens: sum(a.inputTokens, b.inputTokens), outputTokens: sum(a.outputTokens, b.outputTokens), totalTokens: sum(a.totalTokens, b.totalTokens) });
}

function usage(input: unknown, output: unknown, total: unknown): Usage | undefined {
  const u = strip({ inputTokens: count(input), outputTokens: count(output), totalTokens: count(total) });
  if (u.totalTokens === undefined && u.inputTokens !== undefined && u.outputTokens !== undefined) u.totalTokens = u.inputTokens + u.outputTokens;
  return Object.keys(u).length > 0 ? u : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function asObject<T>(value: unknown): T | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as T) : undefined;
}

function strip(u: Usage): Usage {
  for (const key of Object.keys(u) as Array<keyof Usage>) if (u[key] === undefined) delete u[key];
  return u;
}
