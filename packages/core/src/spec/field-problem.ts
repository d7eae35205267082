/** What is wrong with a value from outside (workflow data, a vendor answer): the field at fault and why. */
export interface FieldProblem {
  field: string;
  problem: string;
}

/**
 * Run a check over a value that may not be what it claims (a getter or a
 * Proxy that throws, from workflow data): anything it throws is a problem
 * with `field`, never a TypeError escaping.
 */
export function readSafely(field: string, check: () => FieldProblem | undefined): FieldProblem | undefined {
  try {
    return check();
  } catch {
    return { field, problem: 'it cannot be read (a field throws when read)' };
  }
}
