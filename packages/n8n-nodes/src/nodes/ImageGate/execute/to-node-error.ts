import { ImageGateError } from '@imagegate/core';
import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

const ADVICE: Record<string, string> = {
  AUTHENTICATION: 'Check the API key in the credential.',
  PERMISSION: 'This key may not use this model or endpoint; check the account\'s plan.',
  INSUFFICIENT_QUOTA: 'Top up the account balance, then run again.',
  RATE_LIMITED: 'Lower the request rate (fewer Parallel Requests, or a Wait node), then retry.',
  CONTENT_POLICY: 'The vendor refused the prompt or image on safety grounds: change the prompt.',
  PROVIDER_ERROR: 'The vendor failed; retry later. A failed generation is not resubmitted automatically, so you are not billed twice.',
  BAD_RESPONSE: 'The vendor\'s answer could not be read; retry later or report it.',
  TASK_FAILED: 'The vendor\'s task failed; change the prompt or retry.',
  TIMEOUT: 'The task did not finish within Max Wait; raise it, or collect the task later with Task → Wait for Completion.',
  NETWORK: 'Could not reach the vendor; check the Base URL and the network.',
  ABORTED: 'The execution was stopped.',
};

/**
 * Turn an ImageGate failure into n8n's errors: bad input (found before any
 * request) is a NodeOperationError; a vendor failure a NodeApiError with its
 * HTTP code and advice on what to do.
 */
export function toNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
  if (!ImageGateError.is(error)) {
    return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
  }
  const description = [error.vendorMessage && error.vendorMessage !== error.message ? `Vendor said: ${error.vendorMessage}` : '', ADVICE[error.code] ?? '']
    .filter(Boolean)
    .join(' ');
  const beforeAnyRequest = (error.code === 'INVALID_REQUEST' || error.code === 'UNSUPPORTED') && error.status === undefined;
  if (beforeAnyRequest || error.code === 'ABORTED') {
    return new NodeOperationError(node, error.message, { itemIndex, description: description || undefined });
  }
  return new NodeApiError(node, error.toJSON() as JsonObject, {
    itemIndex,
    message: error.message,
    description: description || undefined,
    httpCode: error.status !== undefined ? String(error.status) : undefined,
  });
}
