import type { $ZodType } from 'zod/v4/core';

/**
 * A zod 4 schema whose output is `T`, from `zod` or `zod/mini` (their common
 * core type): a provider's options and settings, a vendor answer.
 */
export type Schema<T = unknown> = $ZodType<T, unknown>;

/** What a schema made of a value: its output, or the first problem (dot path, '' for the value itself). */
export type SchemaResult<T> = { ok: true; value: T } | { ok: false; path: string; message: string };

/**
 * Check a value through the schema's own Standard Schema surface, so the zod
 * copy that built the schema parses it and words the problem (core imports no
 * zod at run time). Core reads schemas synchronously: one with asynchronous
 * refinements or transforms is a provider bug, reported as a problem of the value.
 */
export function checkSchema<T>(schema: Schema<T>, value: unknown): SchemaResult<T> {
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise) {
    result.catch(() => {});
    // The caller turns this into its typed error naming the field: never a TypeError out of a public entry.
    return {
      ok: false,
      path: '',
      message:
        "the provider's schema has asynchronous checks or transforms, which ImageGate cannot run (a provider bug)",
    };
  }
  if (!result.issues) return { ok: true, value: result.value };
  const issue = result.issues[0]!;
  const path = (issue.path ?? []).map((part) => String(typeof part === 'object' ? part.key : part)).join('.');
  return { ok: false, path, message: issue.message };
}
