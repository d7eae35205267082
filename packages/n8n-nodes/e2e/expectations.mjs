// What each workflow in ./workflows must produce inside a real n8n.
import { sniffImage } from '@imagegate/core/provider';
import { GPTPROTO_MODELS } from '@imagegate/provider-gptproto';
import { binaryBytes, nodeItems } from './n8n-output.mjs';

/**
 * Check one binary property: a real image of the declared type (and size, when given), read from n8n's binary
 * store (`ctx.n8nFolder`).
 */
function image(ctx, item, property, expected = {}) {
  const binary = item.binary?.[property];
  if (!binary)
    throw new Error(`no binary property "${property}" (has: ${Object.keys(item.binary ?? {}).join(', ') || 'none'})`);
  const bytes = binaryBytes(binary, ctx.n8nFolder);
  const info = sniffImage(bytes);
  if (!info) throw new Error(`binary "${property}" is not an image (${bytes.length} bytes)`);
  if (info.mimeType !== binary.mimeType)
    throw new Error(`binary "${property}" says ${binary.mimeType} but holds ${info.mimeType}`);
  for (const [key, value] of Object.entries(expected)) {
    if (info[key] !== value) throw new Error(`binary "${property}" ${key} is ${info[key]}, expected ${value}`);
  }
  if (!binary.fileName?.endsWith(info.mimeType === 'image/jpeg' ? '.jpg' : `.${info.mimeType.slice(6)}`))
    throw new Error(`file name ${binary.fileName} does not match ${info.mimeType}`);
  return info;
}

function equal(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

/** Workflow id → check of its execution (throws on failure). `ctx` has the emulators and keys. */
export const expectations = {
  igGptTextToImage(execution, ctx) {
    equal(execution.status, 'success', 'status');
    const [item] = nodeItems(execution, 'Generate');
    image(ctx, item, 'data', { mimeType: 'image/png', width: 1536, height: 1024 });
    equal(item.json.provider, 'gptproto', 'provider');
    equal(item.json.model, 'gpt-image-2', 'model');
    equal(item.json.size, '1536x1024', 'size');
    equal(item.json.usage?.images, 1, 'usage.images');
    // A cost only where a price is known: the manifest's, if it has one for gpt-image-2 (no credential Prices here).
    const listed = GPTPROTO_MODELS.find((m) => m.id === 'gpt-image-2')?.price;
    if (!listed && item.json.cost) throw new Error(`a cost without any price: ${JSON.stringify(item.json.cost)}`);
    if (listed) equal(item.json.cost?.basis, 'price-table', 'cost.basis');
  },
  igNanoBananaPro2k(execution, ctx) {
    equal(execution.status, 'success', 'status');
    const [item] = nodeItems(execution, 'Generate');
    image(ctx, item, 'data', { mimeType: 'image/png', width: 2752, height: 1536 });
    equal(item.json.resolution, '2K', 'resolution');
    equal(item.json.size, '16:9', 'size');
    if (!item.json.taskId) throw new Error('no taskId (prediction id) in the output');
    const submit = ctx.gptproto.requests.find(
      (r) => r.method === 'POST' && r.path === '/api/v3/google/gemini-3-pro-image-preview/text-to-image',
    );
    if (!submit) throw new Error('no v3 submit reached the emulator');
  },
  igGptModelById(execution, ctx) {
    equal(execution.status, 'success', 'status');
    const [item] = nodeItems(execution, 'Generate');
    image(ctx, item, 'data', { mimeType: 'image/png', width: 1024, height: 1024 });
    equal(item.json.model, 'gpt-image-2', 'model');
  },
  igAgentTool(execution, ctx) {
    equal(execution.status, 'success', 'status');
    // What the agent's model saw of the tool's output: JSON only, so it must carry a URL to the image itself.
    const [seen] = ctx.openai.toolResults;
    const offered = ctx.openai.requests.find((r) => r.body?.tools)?.body.tools[0]?.function;
    if (process.env.E2E_VERBOSE)
      console.log(`the agent's model was offered ${JSON.stringify(offered)} and saw: ${seen}`);
    if (!/Generate an image from a text prompt/.test(offered?.description ?? ''))
      throw new Error(`the tool describes itself as ${JSON.stringify(offered?.description)}`);
    if (!seen) throw new Error(`the model never received a tool result (chat requests: ${ctx.openai.requests.length})`);
    const url = /"url":"(http[^"]+)"/.exec(seen)?.[1];
    if (!url?.startsWith(`${ctx.toapis.url}/files/`))
      throw new Error(`the tool result gives no image URL: ${seen.slice(0, 400)}`);
    if (!/"width":1792/.test(seen) || !/"height":1024/.test(seen))
      throw new Error(`the tool result lacks the size: ${seen.slice(0, 400)}`);
    if (/pollUrl|\/v1\/images\/generations/.test(seen)) throw new Error('the tool result carries a status address');
    // Used as a tool, the node passes the URL on: nothing was downloaded.
    const downloads = ctx.toapis.requests.filter(
      (r) => r.path.startsWith('/files/') && r.prompt === undefined && r.method === 'GET',
    );
    const agentTask = ctx.toapis.requests.find(
      (r) => r.method === 'POST' && r.path === '/v1/images/generations' && r.prompt === 'a red apple on a wooden table',
    );
    if (!agentTask) throw new Error("the agent's prompt never reached the vendor");
    if (downloads.some((r) => url.endsWith(r.path)))
      throw new Error('the image was downloaded although only its URL reaches the model');
  },
  igPkgGptProto(execution, ctx) {
    equal(execution.status, 'success', 'status');
    const [item] = nodeItems(execution, 'Generate');
    image(ctx, item, 'data', { mimeType: 'image/png', width: 1376, height: 768 });
    equal(item.json.provider, 'gptproto', 'provider');
    // Provider Options {"syncMode": true} reached GPTProto: the v3 prediction answered its image at once,
    // so it was never polled; the item still names the prediction (kept, so a failed download could collect it).
    if (
      !ctx.gptproto.requests.some(
        (r) =>
          r.method === 'POST' &&
          r.path === '/api/v3/google/gemini-3-pro-image-preview/text-to-image' &&
          r.prompt === 'A lighthouse at dusk',
      )
    )
      throw new Error('no v3 submit reached the emulator');
    const polls = ctx.gptproto.requests.filter(
      (r) =>
        r.method === 'GET' && r.path.startsWith('/api/v3/predictions/') && r.path.includes(String(item.json.taskId)),
    );
    if (polls.length > 0) throw new Error(`synchronous mode was not used: prediction ${item.json.taskId} was polled`);
    if (!item.json.taskId) throw new Error('the item does not name the prediction that made its image');
  },
  igPkgToApis(execution, ctx) {
    equal(execution.status, 'success', 'status');
    const [item] = nodeItems(execution, 'Generate');
    image(ctx, item, 'data', { mimeType: 'image/png' });
    equal(item.json.resolution, '1K', 'resolution');
    if (!String(item.json.sourceUrl).startsWith(ctx.toapis.url))
      throw new Error(`sourceUrl ${item.json.sourceUrl} is not the emulator's`);
  },
  igThirdPartyAcme(execution, ctx) {
    equal(execution.status, 'success', 'status');
    const [item] = nodeItems(execution, 'Generate');
    image(ctx, item, 'data', { mimeType: 'image/png', width: 64, height: 64 });
    equal(item.json.provider, 'acme', 'provider');
    if (!item.json.taskId) throw new Error('no taskId: the prediction was not waited for');
    const polls = ctx.acme.requests.filter(
      (r) => r.method === 'GET' && r.path === `/v1/predictions/${item.json.taskId}`,
    );
    if (polls.length === 0) throw new Error('the emulator saw no poll');
  },
  igToApisAsync(execution, ctx) {
    equal(execution.status, 'success', 'status');
    const [item] = nodeItems(execution, 'Generate');
    image(ctx, item, 'data', { mimeType: 'image/png' });
    if (!item.json.taskId) throw new Error('no taskId in the output');
    if (!String(item.json.sourceUrl).startsWith(ctx.toapis.url))
      throw new Error(`sourceUrl ${item.json.sourceUrl} is not the emulator's`);
  },
  igEditFromBinary(execution, ctx) {
    equal(execution.status, 'success', 'status');
    const [item] = nodeItems(execution, 'Edit');
    image(ctx, item, 'edited', { mimeType: 'image/png' });
    equal(item.json.model, 'gemini-2.5-flash-image', 'model');
  },
  igToApisEditUpload(execution, ctx) {
    equal(execution.status, 'success', 'status');
    const [item] = nodeItems(execution, 'Edit');
    image(ctx, item, 'data', { mimeType: 'image/png', width: 1536, height: 1024 });
    // The input image went up as multipart through n8n's HTTP client, then by URL into the task.
    const uploads = ctx.toapis.requests.filter(
      (r) => r.method === 'POST' && r.path === '/v1/uploads/images' && r.status === 200,
    );
    if (uploads.length !== 1) throw new Error(`expected one successful upload, saw ${uploads.length}`);
  },
  igSubmitThenWait(execution, ctx) {
    equal(execution.status, 'success', 'status');
    const [submitted] = nodeItems(execution, 'Submit');
    equal(submitted.json.status, 'submitted', 'Submit status');
    if (submitted.binary) throw new Error('Submit should output the task handle, not an image');
    const [collected] = nodeItems(execution, 'Collect');
    image(ctx, collected, 'data', { mimeType: 'image/png' });
    equal(collected.json.taskId, submitted.json.taskId, 'collected task');
  },
  igParallelItems(execution, ctx) {
    equal(execution.status, 'success', 'status');
    const items = nodeItems(execution, 'Generate');
    equal(items.length, 3, 'items');
    equal(items.map((i) => i.json.prompt).join('|'), 'A red apple|A green pear|A yellow banana', 'output order');
    items.forEach((item) => image(ctx, item, 'data', { mimeType: 'image/png' }));
  },
  igRateLimitRetry(execution, ctx) {
    equal(execution.status, 'success', 'status');
    const [item] = nodeItems(execution, 'Generate');
    image(ctx, item, 'data', { mimeType: 'image/png' });
    const posts = ctx.gptproto.requests.filter(
      (r) => r.method === 'POST' && r.path === '/v1/images/generations' && r.prompt?.includes('[fault:429-once]'),
    );
    if (posts.length !== 2) throw new Error(`expected a 429 then a retry (2 requests), saw ${posts.length}`);
  },
  igMaxCostContinue(execution, ctx) {
    equal(execution.status, 'success', 'status');
    const items = nodeItems(execution, 'Generate');
    equal(items.length, 3, 'items');
    // $0.08 at the credential's $0.04 an image: the first two items run, the third is an error item.
    for (const item of items.slice(0, 2)) {
      image(ctx, item, 'data', { mimeType: 'image/png' });
      equal(item.json.usage?.images, 1, 'usage.images');
      equal(
        JSON.stringify(item.json.cost && { ...item.json.cost, asOf: undefined }),
        '{"amount":0.04,"currency":"USD","basis":"override"}',
        'cost',
      );
    }
    const [, , refused] = items;
    if (refused.binary) throw new Error('the item beyond Max Cost per Execution carries an image');
    equal(refused.json.field, 'maxCost', 'field');
    const expected =
      "Max Cost per Execution is $0.08, but item 2 (gpt-image-2, estimated at $0.04 by the credential's Prices) " +
      'would bring the total to $0.12 ($0.08 for the items before it). ' +
      'Nothing was sent for item 2 or the items after it.';
    equal(refused.json.error, expected, 'error');
    const submits = ctx.gptproto.requests.filter((r) => r.method === 'POST' && r.prompt?.startsWith('A budget cat'));
    equal(submits.length, 2, 'submits the emulator received');
    if (submits.some((r) => r.prompt === 'A budget cat, third')) throw new Error('the third item was sent');
  },
  igBadKeyContinue(execution, ctx) {
    const [item] = nodeItems(execution, 'Generate');
    equal(item.json.code, 'AUTHENTICATION', 'error code');
    equal(item.json.status, 401, 'HTTP status');
    // Continue On Fail items say what failed in the panel's words, and what was asked.
    if (!/refused the API key/.test(item.json.error)) throw new Error(`error message: ${item.json.error}`);
    if (!/Check the API Key in the credential\./.test(item.json.description))
      throw new Error(`description: ${item.json.description}`);
    if (!item.json.provider || !item.json.model || !item.json.prompt)
      throw new Error(`provider, model and prompt missing: ${JSON.stringify(item.json)}`);
    if (item.binary) throw new Error('a failed item should carry no image');
    if (JSON.stringify(execution).includes(ctx.badKey))
      throw new Error('the wrong key appears in the execution output');
  },
};
