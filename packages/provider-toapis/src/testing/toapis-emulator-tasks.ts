import { encodePng, encodeSolidJpeg, taskPhase, type Rgb, type TaskTimeline } from '@imagegate/testing/fakes';
import { randomId, type EmulatedFile } from './toapis-emulator-context.js';

/** How a task ends: completed, failed (generation or content policy), or never. */
export type TaskOutcome = 'completes' | 'fails' | 'content-policy' | 'never-finishes';

/** A task the emulator runs, on its clock (the real one unless `now` is given; its phases are the test kit's). */
export interface EmulatedTask extends TaskTimeline {
  id: string;
  model: string;
  prompt: string;
  /** The aspect ratio asked for. */
  size: string;
  imageUrls: string[];
  metadata: Record<string, unknown>;
  /** Images the task makes (`n` on models that make several per task). */
  count: number;
  /** The pixel size of each image, for the ratio and tier asked. */
  width: number;
  height: number;
  outcome: TaskOutcome;
}

/** The tasks of one emulator and the result files they made. */
export class TaskStore {
  private tasks = new Map<string, EmulatedTask>();

  constructor(
    private readonly files: Map<string, EmulatedFile>,
    private readonly now: () => number,
    private readonly resultFile?: (task: EmulatedTask, index: number) => EmulatedFile,
  ) {}

  /** Start a task; its clock runs from now. */
  create(fields: Omit<EmulatedTask, 'id' | 'createdAt' | 'neverFinishes'>): EmulatedTask {
    const task: EmulatedTask = {
      ...fields,
      id: `task_img_${randomId()}`,
      createdAt: this.now(),
      neverFinishes: fields.outcome === 'never-finishes',
    };
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
   * with progress rising linearly, then completed (its images made and
   * served under `/files/<id>.png`, or `<id>-<i>.<ext>` for several) or
   * failed; a task that never finishes stalls at 95.
   */
  view(task: EmulatedTask, publicUrl: string): Record<string, unknown> {
    const base = this.base(task);
    const phase = taskPhase(task, this.now());
    if (phase.state === 'queued') return { ...base, status: 'queued', progress: 0 };
    if (phase.state === 'running') return { ...base, status: 'in_progress', progress: phase.progress };
    // ToAPIs documents no cancel endpoint (nothing here cancels a task); a canceled one would read as failed.
    if (phase.state === 'canceled')
      return { ...base, status: 'failed', error: { code: 'canceled', message: 'The task was canceled.' } };
    const finishedAt = Math.floor(phase.finishedAt / 1000);
    if (task.outcome === 'fails') {
      return {
        ...base,
        status: 'failed',
        progress: 100,
        completed_at: finishedAt,
        error: { code: 'generation_failed', message: 'call upstream API failed: upstream returned status 500' },
      };
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
    const names = this.results(task);
    return {
      ...base,
      status: 'completed',
      progress: 100,
      completed_at: finishedAt,
      expires_at: finishedAt + 86_400,
      result: { type: 'image', data: names.map((name) => ({ url: `${publicUrl}/files/${name}` })) },
    };
  }

  /** The task's result files, made on first sight and kept (a poll after completion answers the same URLs). */
  private results(task: EmulatedTask): string[] {
    return Array.from({ length: task.count }, (_, i) => {
      const image = this.resultFile ? fromFile(this.resultFile(task, i)) : renderResult(task, i);
      const name = `${task.id}${task.count > 1 ? `-${i + 1}` : ''}.${image.extension}`;
      if (!this.files.has(name)) this.files.set(name, { bytes: image.render(), mimeType: image.mimeType });
      return name;
    });
  }

  private base(task: EmulatedTask): Record<string, unknown> {
    return {
      id: task.id,
      object: 'generation.task',
      model: task.model,
      created_at: Math.floor(task.createdAt / 1000),
      metadata: task.metadata,
    };
  }
}

/**
 * Above this many pixels results are JPEGs: a solid JPEG is built
 * block by block, a PNG holds every raw pixel in memory first.
 */
const PNG_MAX_PIXELS = 2048 * 2048;

/**
 * Image `index` of a task: a real file of the task's pixel
 * size, coloured by its prompt (and index), rendered on demand.
 */
function renderResult(
  task: EmulatedTask,
  index: number,
): { extension: string; mimeType: string; render: () => Uint8Array } {
  const color = colorFor(index === 0 ? task.prompt : `${task.prompt}#${index}`);
  const { width, height } = task;
  if (width * height > PNG_MAX_PIXELS)
    return { extension: 'jpg', mimeType: 'image/jpeg', render: () => encodeSolidJpeg(width, height, color) };
  return { extension: 'png', mimeType: 'image/png', render: () => encodePng(width, height, { color }) };
}

/** A file given by the emulator's `resultFile` option, named by its type. */
function fromFile(file: EmulatedFile): { extension: string; mimeType: string; render: () => Uint8Array } {
  return {
    extension: file.mimeType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'bin',
    mimeType: file.mimeType,
    render: () => file.bytes,
  };
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
