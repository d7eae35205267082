// What the kit's behaviour tests share: the vendors' addresses and keys, the
// combined node (test/image-gate-node.ts) and how one execution of it runs
// in a faithful fake of n8n's execute context (test/execute-functions.ts).
import { encodePng } from '@imagegate/testing';
import { NodeHelpers, type IExecuteFunctions, type INodeExecutionData, type INodeParameters } from 'n8n-workflow';
import { executeFunctions, type ExecuteRecord, type ExecuteSetup } from './execute-functions.js';
import { ImageGate } from './image-gate-node.js';

export const GPTPROTO = 'https://gptproto.test';
export const TOAPIS = 'https://toapis.test';
export const CDN = 'https://cdn.toapis.test';
export const GPT_KEY = 'sk-gptproto-node-test-123456';
export const TOAPIS_KEY = 'sk-toapis-node-test-654321';
export const credentials = {
  imageGateGptProtoApi: { apiKey: GPT_KEY, authScheme: 'bare', baseUrl: GPTPROTO },
  imageGateToApisApi: { apiKey: TOAPIS_KEY, baseUrl: TOAPIS },
};
export const model = (value: string) => ({ __rl: true, mode: 'list', value });
export const png = encodePng(32, 24);

export const node = new ImageGate();
/** The parameters the panel shows for these settings, with their values, as n8n's editor resolves them. */
export const shown = (parameters: INodeParameters) =>
  NodeHelpers.getNodeParameters(
    node.description.properties,
    parameters,
    true,
    false,
    { typeVersion: 1 },
    node.description,
  ) ?? {};
/** One execution of the node: its first output, and the context (with what it recorded). */
export const run = async (
  setup: Omit<ExecuteSetup, 'credentials'> & { credentials?: ExecuteSetup['credentials'] },
): Promise<{ out: INodeExecutionData[]; fns: IExecuteFunctions & { record: ExecuteRecord } }> => {
  const fns = executeFunctions(node, { credentials, ...setup });
  const [out] = await node.execute.call(fns);
  return { out: out!, fns };
};
export const decoded = (item: INodeExecutionData, property = 'data') =>
  Buffer.from(item.binary![property]!.data, 'base64');

/** A ToAPIs task as its status endpoint answers it. */
export const taskBody = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  id,
  object: 'generation.task',
  model: 'gemini-2.5-flash-image-preview',
  status,
  created_at: 1703884800,
  ...extra,
});
/** Image → Generate on ToAPIs, with an asynchronous model. */
export const toapisImage = {
  provider: 'toapis',
  resource: 'image',
  operation: 'generate',
  model: model('gemini-2.5-flash-image-preview'),
  prompt: 'a cat on the moon',
  options: { pollIntervalSeconds: 0.05 },
};
