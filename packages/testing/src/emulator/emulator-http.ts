import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isCredentialHeader } from '@imagegate/core/provider';

/**
 * The HTTP plumbing of an emulator: a `node:http` server on 127.0.0.1, the
 * request body read in full, a log without secrets, and answers that a fault
 * can delay or cut short. Vendor behaviour lives in the emulator's routes.
 */

/** One request the emulator received, as logged (credentials masked). */
export interface EmulatorRequest {
  method: string;
  /** The path without the query string, e.g. `/v1/images/generations`. */
  path: string;
  /** The query string with its `?`, or `''`. */
  query: string;
  /**
   * Lower-cased headers; credentials show only their scheme (`Bearer ***` or `***`): the well-known ones, any whose
   * name speaks of a key, token, secret or signature, and the provider's own (see {@link listen}'s `credentials`).
   */
  headers: Record<string, string>;
  /** The request's model, once the route has read it. */
  model?: string;
  /** The request's prompt, once the route has read it. */
  prompt?: string;
  /** The status answered (0 while the answer is pending or when the client went away first). */
  status: number;
  /**
   * The body as the route read it: JSON with strings over 200 characters
   * (base64 images) shortened to `<N chars>`, or multipart fields with files
   * as `{ fileName, type, size }` (a repeated field as an array).
   */
  body?: unknown;
  /** The fault applied to this request: a prompt marker (`429-once`) or `scripted`. */
  fault?: string;
  /** When it arrived (ms since the epoch). */
  at: number;
}

/** Header names that carry a secret whatever the vendor (`x-key`, `x-auth-token`, `cookie`, …). */
const SECRET_NAME = /auth|key|token|secret|signature|password|credential|cookie|session/i;

/**
 * Headers for the log: credentials keep only their scheme, so tests can tell bare from Bearer. `credentialHeaders`
 * adds the provider's own header names (its account's `credentials.auth.header`).
 */
export function maskHeaders(
  headers: IncomingHttpHeaders,
  credentialHeaders: readonly string[] = [],
): Record<string, string> {
  const own = new Set(credentialHeaders.map((name) => name.toLowerCase()));
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name] = isCredentialHeader(name) || SECRET_NAME.test(name) || own.has(name) ? maskCredential(text) : text;
  }
  return out;
}

function maskCredential(value: string): string {
  const scheme = /^(bearer|basic|token)\s+/i.exec(value.trim())?.[1];
  return scheme ? `${scheme} ***` : '***';
}

/** The largest request body read; more is answered 413 (uploads are 10 MB at most). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** One request and its answer. Routes read from it and answer through it. */
export class Exchange {
  readonly method: string;
  readonly path: string;
  readonly search: URLSearchParams;
  /** Cut the next JSON answer in half (a truncated body). */
  truncate = false;
  private answeredWith = 0;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    readonly body: Buffer,
    readonly log: EmulatorRequest,
  ) {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    this.method = (req.method ?? 'GET').toUpperCase();
    this.path = url.pathname;
    this.search = url.searchParams;
  }

  /** A request header, lower-case name. */
  header(name: string): string | undefined {
    const value = this.req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  /** The body parsed as JSON; undefined when it is not JSON. */
  json(): unknown {
    try {
      const value: unknown = JSON.parse(this.body.toString('utf8'));
      this.log.body = JSON.parse(
        JSON.stringify(value, (_key, v: unknown) =>
          typeof v === 'string' && v.length > 200 ? `<${v.length} chars>` : v,
        ),
      );
      return value;
    } catch {
      return undefined;
    }
  }

  /** The body as multipart form data (parsed by the platform's `Request`); undefined when it is not. */
  async formData(): Promise<FormData | undefined> {
    const type = this.header('content-type') ?? '';
    if (!/^multipart\/form-data/i.test(type)) return undefined;
    try {
      const form = await new Request('http://emulator.invalid/', {
        method: 'POST',
        headers: { 'content-type': type },
        body: this.body as unknown as BodyInit,
      }).formData();
      this.log.body = summariseForm(form);
      return form;
    } catch {
      return undefined;
    }
  }

  /** True once an answer was started. */
  get answered(): boolean {
    return this.answeredWith !== 0;
  }

  /** Answer JSON (cut in half when `truncate` is set, with a matching length: the body is complete but not JSON). */
  replyJson(status: number, value: unknown, headers: Record<string, string> = {}): void {
    let body = Buffer.from(JSON.stringify(value));
    if (this.truncate) body = body.subarray(0, Math.max(1, Math.floor(body.length / 2)));
    this.replyBytes(status, 'application/json; charset=utf-8', body, headers);
  }

  /** Answer bytes of a given type. */
  replyBytes(status: number, contentType: string, body: Uint8Array, headers: Record<string, string> = {}): void {
    if (!this.start(status)) return;
    this.res.writeHead(status, { 'content-type': contentType, 'content-length': String(body.byteLength), ...headers });
    this.res.end(this.method === 'HEAD' ? undefined : body);
  }

  /** Start a server-sent-events answer; write events, then end it. */
  startEvents(): { event(name: string, data: unknown): void; end(): void } {
    const open = this.start(200);
    if (open)
      this.res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
    return {
      event: (name, data) => {
        if (open && !this.res.destroyed) this.res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
      },
      end: () => {
        if (open && !this.res.destroyed) this.res.end();
      },
    };
  }

  private start(status: number): boolean {
    if (this.answeredWith !== 0 || this.res.destroyed) return false;
    this.answeredWith = status;
    this.log.status = status;
    return true;
  }
}

/** Multipart fields for the log: text as is, files by name, type and size. */
function summariseForm(form: FormData): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  form.forEach((value, name) => {
    const entry = typeof value === 'string' ? value : { fileName: value.name, type: value.type, size: value.size };
    const previous = fields[name];
    fields[name] = previous === undefined ? entry : Array.isArray(previous) ? [...previous, entry] : [previous, entry];
  });
  return fields;
}

/** A running server. */
export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Where to listen. */
export interface ListenOptions {
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
}

/**
 * Start a server whose handler gets each request as an {@link Exchange}
 * (body read in full) and logs it to `log`. A body over 64 MiB is answered
 * 413 and a handler that throws 500, both with the vendor's `errorBody`.
 */
export async function listen(
  handler: (exchange: Exchange) => Promise<void>,
  log: (entry: EmulatorRequest) => void,
  errorBody: (status: number, message: string) => unknown,
  options: ListenOptions = {},
  credentials?: { auth: { header?: string } },
): Promise<RunningServer> {
  const credentialHeaders = credentials?.auth.header ? [credentials.auth.header] : [];
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    const entry: EmulatorRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: '',
      query: '',
      headers: maskHeaders(req.headers, credentialHeaders),
      status: 0,
      at: Date.now(),
    };
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    entry.path = url.pathname;
    entry.query = url.search;
    log(entry);
    readBody(req)
      .then(async (body) => {
        if (body === undefined) {
          entry.status = 413;
          res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
          res.end(JSON.stringify(errorBody(413, `Request body larger than ${MAX_BODY_BYTES} bytes`)));
          return;
        }
        const exchange = new Exchange(req, res, body, entry);
        try {
          await handler(exchange);
        } catch (error) {
          if (!exchange.answered)
            exchange.replyJson(
              500,
              errorBody(500, `emulator error: ${error instanceof Error ? error.message : String(error)}`),
            );
        }
      })
      .catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets and answers held back by a slow fault would keep the server open.
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks, length)));
    req.on('error', reject);
  });
}

/** Wait; used for slow answers and streamed events. */
export function delay(ms: number): Promise<void> {
  // Unref'd: a pending slow answer must not keep a closed emulator's process alive.
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms).unref()) : Promise.resolve();
}
