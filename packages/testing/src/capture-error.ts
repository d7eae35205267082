import { ImageGateError } from '@imagegate/core';

/**
 * Await a promise that must fail with an ImageGateError and return the error
 * (to assert on its code, field, status). Success, or any other error, throws.
 */
export async function captureImageGateError(promise: Promise<unknown>): Promise<ImageGateError> {
  try {
    await promise;
  } catch (error) {
    if (ImageGateError.is(error)) return error;
    throw error;
  }
  throw new Error('expected an ImageGateError, but the call succeeded');
}
