import { encodePng, taskPhase, type Rgb, type TaskTimeline } from '@imagegate/testing/fakes';
import { TOAPIS_RESOLUTIONS } from '../toapis-models.js';
import { randomId, type EmulatedFile } from './toapis-emulator-context.js';

/** How a task ends: completed, failed (generation or content policy), or never. */
export type TaskOutcome = 'completes' | 'fails' | 'content-policy' | 'never-finishes';

/** A task the emulator runs, on the real clock (its phases are the test kit's). */
export interface EmulatedTask extends TaskTimeline {
  id: string;
  model: string;
  prompt: string;
  /** The aspect ratio asked for. */
  size: string;
  imageUrls: string[];
  metadata: Record<string, unknown>;
  outcome: TaskOutcome;
}

/** The tasks of one emulator and the result files they made. */
export class TaskStore {
  private tasks = new Map<string, EmulatedTask>();

  constructor(
    private readonly files: Map<string, EmulatedFile>,
    private readonly now: () => number,
  ) {}

  /** Start a task; its clock runs from now. */
  create(fields: Omit<EmulatedTask, 'id' | 'createdAt' | 'neverFinishes'>): EmulatedTask {
    const task: EmulatedTask = { ...fields, id: `task_img_${randomId()}`, createdAt: this.now(), neverFinishes: fields.outcome === 'never-finishes' };
    this.tasks.set(task.id, task);
    return task;
  }

  get(id: string): EmulatedTask | undefined {
    return this.tasks.get(id);
  }

  clear(): void {
    this.tasks.clear();
  }

  /** The submit answer (document 002): queued, progress 0. */
  created(task: EmulatedTask): Record<string, unknown> {
    return { ...this.base(task), status: 'queued', progress: 0 };
  }

  /**
   * The poll answer at this moment: queued for `queueMs`, then in_progress
   * with progress rising linearly, then completed (its PNG made and served
   * under `/files/<id>.png`) or failed; a task that never finishes stalls at 95.
   */
  view(task: EmulatedTask, publicUrl: string): Record<string, unknown> {
    const base = this.base(task);
    const phase = taskPhase(task, this.now());
    if (phase.state === 'queued') return { ...base, status: 'queued', progress: 0 };
    if (phase.state === 'running') return { ...base, status: 'in_progress', progress: phase.progress };
    // ToAPIs documents no cancel endpoint (nothing here cancels a task); a canceled one would read as failed.
    if (phase.state === 'canceled') return { ...base, status: 'failed', error: { code: 'canceled', message: 'The task was canceled.' } };
    const finishedAt = Math.floor(phase.finishedAt / 1000);
    if (task.outcome === 'fails') {
      return { ...base, status: 'failed', progress: 100, completed_at: finishedAt, error: { code: 'generation_failed', message: 'call upstream API failed: upstream returned status 500' } };
    }
    if (task.outcome === 'content-policy') {
      return {
        ...base,
        status: 'failed',
        progress: 100,
        completed_at: finishedAt,
        error: { code: 'content_policy_violation', message: 'The prompt was rejected by the content safety system' },
      };
    }
    const name = `${task.id}.png`;
    if (!this.files.has(name)) this.files.set(name, { bytes: renderResult(task), mimeType: 'image/png' });
    return {
      ...base,
      status: 'completed',
      progress: 100,
      completed_at: finishedAt,
      expires_at: finishedAt + 86_400,
      result: { type: 'image', data: [{ url: `${publicUrl}/files/${name}` }] },
    };
  }

  private base(task: EmulatedTask): Record<string, unknown> {
    return { id: task.id, object: 'generation.task', model: task.model, created_at: Math.floor(task.createdAt / 1000), metadata: task.metadata };
  }
}

/** The task's image: a real PNG of the size its ratio stands for, coloured by its prompt. */
function renderResult(task: EmulatedTask): Uint8Array {
  const [width, height] = (TOAPIS_RESOLUTIONS[task.size] ?? '1024x1024').split('x').map(Number);
  return encodePng(width!, height!, { color: colorFor(task.prompt) });
}

/** A saturated colour from a string's hash (the same prompt gives the same colour). */
export function colorFor(seed: string): Rgb {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) hash = Math.imul(hash ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  const h = hash % 360;
  const a = 0.6 * 0.5;
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round((0.5 - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))) * 255);
  };
  return [f(0), f(8), f(4)];
}
