import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * A parameter that exists only for some models, resources or operations:
 * undefined when it is not shown. The Model gives its value (a resource
 * locator's `value`).
 */
export function optionalParameter(fns: IExecuteFunctions, name: string, i: number): unknown {
  try {
    return fns.getNodeParameter(name, i, undefined, name === 'model' ? { extractValue: true } : undefined);
  } catch {
    return undefined;
  }
}
