// A local ToAPIs on 127.0.0.1 whose clock is simulated: a task finishes
// `duration` ms (simulated) after its submit and reports linear progress, so
// the real provider and core's engine run over real HTTP while hours of
// waiting take milliseconds. Tasks run one at a time, each on its own clock.
import { createServer } from 'node:http';

const GENERATIONS = '/v1/images/generations';
/** Tasks sit in the queue this long before they report in_progress. */
const QUEUE_MS = 1000;

export async function startSimServer() {
  const tasks = new Map();
  const state = { clock: undefined, nextDuration: 0, reportProgress: true, requests: 0 };
  let counter = 0;

  const server = createServer((req, res) => {
    state.requests++;
    const reply = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const now = state.clock.now();
    if (req.method === 'POST' && req.url === GENERATIONS) {
      req.resume();
      req.on('end', () => {
        const id = `task_sim_${++counter}`;
        tasks.set(id, { submittedAt: now, finishAt: now + state.nextDuration, polls: 0 });
        reply(200, {
          id,
          object: 'generation.task',
          model: 'gemini-2.5-flash-image-preview',
          status: 'queued',
          progress: 0,
          created_at: Math.floor(now / 1000),
          metadata: {},
        });
      });
      return;
    }
    const match = req.method === 'GET' && new RegExp(`^${GENERATIONS}/([^/]+)$`).exec(req.url);
    const task = match && tasks.get(decodeURIComponent(match[1]));
    if (!task) return reply(404, { error: { code: 404, message: 'Task not found', type: 'not_found_error' } });
    task.polls++;
    const base = {
      id: match[1],
      object: 'generation.task',
      model: 'gemini-2.5-flash-image-preview',
      created_at: Math.floor(task.submittedAt / 1000),
    };
    if (now >= task.finishAt) {
      return reply(200, {
        ...base,
        status: 'completed',
        progress: 100,
        completed_at: Math.floor(task.finishAt / 1000),
        expires_at: Math.floor(task.finishAt / 1000) + 86_400,
        result: { type: 'image', data: [{ url: `https://files.sim.test/${match[1]}.png` }] },
      });
    }
    const elapsed = now - task.submittedAt;
    const progress = Math.floor((elapsed / (task.finishAt - task.submittedAt)) * 100);
    if (elapsed < QUEUE_MS) return reply(200, { ...base, status: 'queued', progress: 0 });
    return reply(200, { ...base, status: 'in_progress', ...(state.reportProgress ? { progress } : {}) });
  });

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    state,
    task: (id) => tasks.get(id),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
