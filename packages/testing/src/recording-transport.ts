import type { HttpTransport } from '@imagegate/core';
import type { HttpRequest, HttpResponse } from '@imagegate/core/provider';

/** A request a {@link RecordingTransport} saw, and how it ended. */
export interface RecordedRequest {
  request: HttpRequest;
  /** Set when the transport settled. */
  outcome?: 'response' | 'error';
  status?: number;
  /** The answer's content type, when it came. */
  contentType?: string;
}

/** A transport wrapper that records every request passing through. */
export interface RecordingTransport {
  transport: HttpTransport;
  requests: RecordedRequest[];
}

/** Wrap `inner` so that tests see each request, its signal and its outcome. */
export function recordingTransport(inner: HttpTransport): RecordingTransport {
  const requests: RecordedRequest[] = [];
  const transport: HttpTransport = async (request) => {
    const entry: RecordedRequest = { request };
    requests.push(entry);
    try {
      const response: HttpResponse = await inner(request);
      entry.outcome = 'response';
      entry.status = response.status;
      entry.contentType = response.headers['content-type'];
      return response;
    } catch (error) {
      entry.outcome = 'error';
      throw error;
    }
  };
  return { transport, requests };
}
