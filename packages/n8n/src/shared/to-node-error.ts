import { ImageGateError } from '@imagegate/core';
import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { describeFailure, type FailureContext } from './describe-failure.js';

/**
 * Turn an ImageGate failure into n8n's errors, worded in the panel's terms:
 * bad input (found before any request) and a stopped execution are a
 * NodeOperationError; a vendor failure a NodeApiError, with `httpCode` only
 * when there was an HTTP status.
 */
export function toNodeError(
  node: INode,
  error: unknown,
  itemIndex: number,
  context: FailureContext,
): NodeApiError | NodeOperationError {
  if (!ImageGateError.is(error)) {
    return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
  }
  const { message, description } = describeFailure(error, context);
  const beforeAnyRequest =
    (error.code === 'INVALID_REQUEST' || error.code === 'UNSUPPORTED') && error.status === undefined;
  if (beforeAnyRequest || error.code === 'ABORTED')
    return new NodeOperationError(node, message, { itemIndex, description });
  // n8n takes httpCode from any `code`/`status`-like key of the response it is given,
  // so the error's own code travels under another name: no status, no httpCode.
  const { code, status, ...rest } = error.toJSON() as JsonObject;
  const response: JsonObject = {
    ...rest,
    imageGateCode: code ?? null,
    ...(status !== undefined ? { httpStatus: status } : {}),
  };
  return new NodeApiError(node, response, {
    itemIndex,
    message,
    description,
    httpCode: error.status !== undefined ? String(error.status) : undefined,
  });
}
