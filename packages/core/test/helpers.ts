import { ImageGateError } from '../src/index.js';

/** Await a promise that must fail with an ImageGateError, and return the error. */
export async function failure(promise: Promise<unknown>): Promise<ImageGateError> {
  try {
    await promise;
  } catch (error) {
    if (ImageGateError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}
