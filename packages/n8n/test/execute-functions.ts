import { Readable } from 'node:stream';
import {
  NodeHelpers,
  type IBinaryData,
  type ICredentialDataDecryptedObject,
  type ICredentialType,
  type IExecuteFunctions,
  type IHttpRequestOptions,
  type INode,
  type INodeExecutionData,
  type INodeParameters,
  type INodeType,
} from 'n8n-workflow';
import { ImageGateGptProtoApi, ImageGateToApisApi } from './image-gate-node.js';

const CREDENTIAL_TYPES: Record<string, ICredentialType> = {
  imageGateGptProtoApi: new ImageGateGptProtoApi(),
  imageGateToApisApi: new ImageGateToApisApi(),
};

/** What a test sets up for one run of `execute`. */
export interface ExecuteSetup {
  /** The node's parameters as a workflow stores them; defaults are filled in by n8n-workflow. */
  parameters: INodeParameters;
  /** Per-item values, as expressions like {{ $json.prompt }} would resolve them. */
  itemParameters?: Array<Record<string, unknown>>;
  items?: INodeExecutionData[];
  credentials?: Record<string, ICredentialDataDecryptedObject>;
  continueOnFail?: boolean;
  signal?: AbortSignal;
  /** The node's type: `n8n-nodes-imagegate.imageGateTool` when an AI Agent runs it as a tool. */
  nodeType?: string;
  /**
   * Where n8n keeps binaries: `memory` (no id, no signed URL) or
   * `filesystem` (an id, and `createBinarySignedUrl` as n8n's REST API serves it).
   */
  binaryMode?: 'memory' | 'filesystem';
  /** Make n8n's binary store fail with this message (a full disk, a database size limit). */
  storeFails?: string;
}

/** What the mock recorded. */
export interface ExecuteRecord {
  /** Every HTTP request the node made, as n8n's helper received it. */
  requests: IHttpRequestOptions[];
  /** Every binary the node stored: whether it came as a stream, and its size. */
  stored: Array<{ fileName?: string; mimeType?: string; streamed: boolean; bytes: number }>;
  /** Every line the node wrote to n8n's log, as each was written. */
  logs: Array<{ level: string; message: string; meta?: unknown }>;
}

/**
 * A typed IExecuteFunctions for one node run. Parameters are resolved the way
 * n8n resolves them (n8n-workflow's getNodeParameters: defaults filled, hidden
 * parameters dropped); HTTP really goes out through Node's fetch (so nock sees
 * it), with the credential applied from its `authenticate` definition.
 */
export function executeFunctions(node: INodeType, setup: ExecuteSetup): IExecuteFunctions & { record: ExecuteRecord } {
  const items: INodeExecutionData[] = setup.items ?? [{ json: {} }];
  const resolved =
    NodeHelpers.getNodeParameters(
      node.description.properties,
      setup.parameters,
      true,
      false,
      { typeVersion: 1 },
      node.description,
    ) ?? {};
  const nodeInfo: INode = {
    id: 'node-1',
    name: 'ImageGate',
    type: setup.nodeType ?? 'n8n-nodes-imagegate.imageGate',
    typeVersion: 1,
    position: [0, 0],
    parameters: resolved,
  };
  const record: ExecuteRecord = { requests: [], stored: [], logs: [] };
  const logAt = (level: string) => (message: string, meta?: unknown) => void record.logs.push({ level, message, meta });

  async function httpRequest(options: IHttpRequestOptions): Promise<unknown> {
    record.requests.push(options);
    const body = options.body as BodyInit | undefined;
    const response = await fetch(options.url, {
      method: options.method ?? 'GET',
      headers: options.headers as Record<string, string>,
      body,
      signal: options.abortSignal as AbortSignal | undefined,
      redirect: options.disableFollowRedirect ? 'manual' : 'follow',
    });
    if (!options.ignoreHttpStatusErrors && response.status >= 400)
      throw Object.assign(new Error(`Request failed with status code ${response.status}`), {
        httpCode: response.status,
      });
    const headers: Record<string, string> = {};
    response.headers.forEach((v, k) => (headers[k] = v));
    // As n8n's helper: `stream` hands back the body unread, as a Node Readable.
    const bytes = options.encoding === 'stream' ? undefined : Buffer.from(await response.arrayBuffer());
    const out = !bytes
      ? response.body
        ? Readable.fromWeb(response.body as never)
        : Readable.from([])
      : options.encoding === 'arraybuffer'
        ? bytes
        : bytes.toString('utf8');
    return options.returnFullResponse ? { statusCode: response.status, headers, body: out } : out;
  }

  const fns = {
    record,
    getInputData: () => items,
    getNode: () => nodeInfo,
    getExecutionId: () => 'exec-1',
    getWorkflow: () => ({ id: 'workflow-1', name: 'Test workflow', active: false }),
    logger: { error: logAt('error'), warn: logAt('warn'), info: logAt('info'), debug: logAt('debug') },
    continueOnFail: () => setup.continueOnFail ?? false,
    getExecutionCancelSignal: () => setup.signal,
    getCredentials: async (type: string) => {
      const data = setup.credentials?.[type];
      if (!data) throw new Error(`Node does not have credentials of type ${type}`);
      return data;
    },
    getNodeParameter(name: string, itemIndex: number, fallback?: unknown, options?: { extractValue?: boolean }) {
      const perItem = setup.itemParameters?.[itemIndex];
      const value = perItem && name in perItem ? perItem[name] : (resolved as Record<string, unknown>)[name];
      if (value === undefined) {
        if (fallback !== undefined) return fallback;
        throw new Error(`Could not get parameter "${name}"`);
      }
      if (options?.extractValue && value && typeof value === 'object' && '__rl' in value)
        return (value as unknown as { value: unknown }).value;
      return value;
    },
    helpers: {
      httpRequest,
      async httpRequestWithAuthentication(this: unknown, credentialType: string, options: IHttpRequestOptions) {
        const credentials = setup.credentials?.[credentialType] ?? {};
        const authenticate = CREDENTIAL_TYPES[credentialType]?.authenticate as
          { properties?: { headers?: Record<string, string> } } | undefined;
        const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
        for (const [name, expression] of Object.entries(authenticate?.properties?.headers ?? {})) {
          // n8n's credential header replaces one of the same name.
          for (const existing of Object.keys(headers))
            if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
          headers[name] = evaluate(expression, credentials);
        }
        return httpRequest({ ...options, headers });
      },
      // As n8n's: a Buffer, or a Readable it reads (with 'data' events, as its database mode does).
      async prepareBinaryData(input: Buffer | Readable, fileName?: string, mimeType?: string): Promise<IBinaryData> {
        const streamed = !Buffer.isBuffer(input);
        const buffer = streamed ? await readAll(input) : input;
        if (setup.storeFails) throw new Error(setup.storeFails);
        record.stored.push({ fileName, mimeType, streamed, bytes: buffer.byteLength });
        const stored =
          setup.binaryMode === 'filesystem'
            ? { id: `filesystem-v2:workflows/1/executions/1/binary_data/${fileName}` }
            : {};
        return {
          ...stored,
          data: buffer.toString('base64'),
          mimeType: mimeType ?? 'application/octet-stream',
          fileName,
          fileSize: String(buffer.byteLength),
          fileExtension: fileName?.split('.').pop(),
        };
      },
      // As n8n's: a token for a stored binary; binaries held in memory have no id and cannot be signed.
      createBinarySignedUrl(binary: IBinaryData): string {
        if (!binary.id) throw new Error('Missing binary data ID');
        return `http://localhost:5678/rest/binary-data/signed?token=${Buffer.from(binary.id).toString('base64url')}`;
      },
      async getBinaryDataBuffer(itemIndex: number, property: string): Promise<Buffer> {
        const binary = items[itemIndex]?.binary?.[property];
        if (!binary) throw new Error(`No binary property ${property}`);
        return Buffer.from(binary.data, 'base64');
      },
    },
  };
  return fns as unknown as IExecuteFunctions & { record: ExecuteRecord };
}

/** Evaluate an n8n credential expression (`={{ … }}` or `=text {{ … }}`) against `$credentials`. */
function evaluate(expression: string, credentials: ICredentialDataDecryptedObject): string {
  if (!expression.startsWith('=')) return expression;
  return expression
    .slice(1)
    .replace(/\{\{([\s\S]+?)\}\}/g, (_, code: string) =>
      String(new Function('$credentials', `return (${code});`)(credentials)),
    );
}

/** A binary item as n8n's Read File or HTTP Request node makes it. */
export function binaryItem(
  data: Uint8Array,
  mimeType: string,
  fileName: string,
  property = 'data',
): INodeExecutionData {
  return { json: {}, binary: { [property]: { data: Buffer.from(data).toString('base64'), mimeType, fileName } } };
}

/** A Readable's bytes, read through its events as n8n's binaryToBuffer does. */
function readAll(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}
