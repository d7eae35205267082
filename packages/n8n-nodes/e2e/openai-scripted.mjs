// A scripted OpenAI-compatible chat server for the AI Agent workflow: its
// first answer calls the first tool it is offered (with a prompt), its second
// answers in words. It keeps what the tool returned, which is all the model
// of a real agent would see. Chat Completions only (the workflow switches the
// Responses API off); streamed and plain answers both.
import { createServer } from 'node:http';

/** Start it on 127.0.0.1; `url` is the base URL for n8n's OpenAI credential (…/v1). */
export async function startScriptedOpenAi({ prompt = 'a red apple on a wooden table' } = {}) {
  const toolResults = [];
  const requests = [];
  const server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = raw ? JSON.parse(raw) : {};
    requests.push({ method: req.method, path: req.url, body });
    if (req.method === 'GET' && req.url?.endsWith('/models'))
      return json(res, { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model' }] });
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions'))
      return json(res, { error: { message: `not scripted: ${req.method} ${req.url}` } }, 404);
    const toolMessages = (body.messages ?? []).filter((m) => m.role === 'tool');
    let message;
    if (toolMessages.length > 0) {
      toolResults.push(
        ...toolMessages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content))),
      );
      message = { role: 'assistant', content: 'Here is your image.' };
    } else {
      const tool = body.tools?.[0]?.function?.name;
      if (!tool) return json(res, { error: { message: 'no tool offered' } }, 400);
      message = {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_image_1', type: 'function', function: { name: tool, arguments: JSON.stringify({ prompt }) } },
        ],
      };
    }
    const finish = message.tool_calls ? 'tool_calls' : 'stop';
    if (!body.stream) {
      return json(res, {
        id: 'chatcmpl-e2e',
        object: 'chat.completion',
        created: 1,
        model: body.model,
        choices: [{ index: 0, message, finish_reason: finish }],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const delta = message.tool_calls
      ? { role: 'assistant', tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })) }
      : { role: 'assistant', content: message.content };
    const chunk = (choice) => {
      const data = {
        id: 'chatcmpl-e2e',
        object: 'chat.completion.chunk',
        created: 1,
        model: body.model,
        choices: [choice],
      };
      return res.write(`data: ${JSON.stringify(data)}\n\n`);
    };
    chunk({ index: 0, delta, finish_reason: null });
    chunk({ index: 0, delta: {}, finish_reason: finish });
    res.end('data: [DONE]\n\n');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/v1`,
    toolResults,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function json(res, body, status = 200) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
