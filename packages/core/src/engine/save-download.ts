import { ImageGateError } from '../errors/image-gate-error.js';
import { scrubText } from '../errors/redact.js';
import { sniffImage, type ImageInfo } from '../spec/sniff.js';
import type { TaskHandle } from '../spec/task-handle.js';
import type { HttpResponse } from '../spec/transport.js';
import type { ImageDownload } from './results.js';
import type { RunContext } from './run-context.js';

/** Bytes read ahead to learn the type and pixel size before handing an image on (JPEG's size may sit behind EXIF). */
const SNIFF_BYTES = 256 * 1024;

/** What {@link saveDownload} resolves to: `saveImage`'s answer, the sniffed type and the bytes that went through. */
export interface SavedDownload {
  stored: unknown;
  info: ImageInfo;
  byteLength: number;
}

/**
 * Hand a streamed download to `saveImage`: read just enough of the head to
 * sniff the type (refusing what is not an image before anything is stored),
 * then pass every chunk on as it arrives. `url` is undefined for an image the
 * vendor answered inline (its bytes decoded as they arrive).
 */
export async function saveDownload(
  run: RunContext,
  save: (image: ImageDownload) => Promise<unknown>,
  response: HttpResponse,
  url: string | undefined,
  task: TaskHandle | undefined,
): Promise<SavedDownload> {
  // A transport that cannot stream filled `body`: one chunk.
  const source = (response.stream ?? oneChunk(response.body))[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let info: ImageInfo | undefined;
  let ended = false;
  try {
    while (headBytes < SNIFF_BYTES) {
      const next = await source.next();
      if (next.done) {
        ended = true;
        break;
      }
      head.push(next.value);
      headBytes += next.value.byteLength;
      info = sniffImage(joined(head, headBytes));
      if (info?.width !== undefined || (info === undefined && headBytes >= 64)) break;
    }
    info ??= sniffImage(joined(head, headBytes));
  } catch (error) {
    throw withTask(error, task);
  }
  if (!info) {
    letGo(source);
    throw notAnImage(run, url ?? 'an inline image', headBytes, task);
  }
  let byteLength = 0;
  let failure: unknown;
  let settled = false;
  const lateRead = () =>
    new ImageGateError(
      'STORAGE',
      'The download was read after saveImage had settled; read all of it before saveImage resolves.',
      {
        provider: run.provider,
        model: run.model,
        taskId: task?.taskId,
        task,
        retryable: false,
      },
    );
  async function* chunks(): AsyncGenerator<Uint8Array> {
    try {
      for (const chunk of head) {
        byteLength += chunk.byteLength;
        yield chunk;
      }
      head.length = 0;
      while (!ended) {
        // Core let go of the connection when saveImage settled: a read after that is the sink's bug, said, not a
        // silent end.
        if (settled) throw lateRead();
        const next = await source.next();
        if (settled) throw lateRead();
        if (next.done) break;
        byteLength += next.value.byteLength;
        yield next.value;
      }
    } catch (error) {
      failure = error;
      throw error;
    }
  }
  const declared = Number(response.headers['content-length']);
  try {
    const stored = await save({
      mimeType: info.mimeType,
      width: info.width,
      height: info.height,
      ...(url === undefined ? {} : { url: scrubText(url) }),
      ...(task ? { taskId: task.taskId } : {}),
      ...(Number.isFinite(declared) ? { byteLength: declared } : {}),
      chunks: chunks(),
    });
    return { stored, info, byteLength };
  } catch (error) {
    if (failure !== undefined) throw withTask(failure, task);
    throw new ImageGateError(
      'STORAGE',
      `The ${url === undefined ? 'inline' : 'downloaded'} image could not be kept (saveImage failed): ` +
        `${error instanceof Error ? error.message : String(error)}`,
      {
        provider: run.provider,
        model: run.model,
        taskId: task?.taskId,
        task,
        retryable: false,
        cause: error,
      },
    );
  } finally {
    // Read or not, the body is closed when the save settles (the caller also aborts its request).
    settled = true;
    letGo(source);
  }
}

/** Close a body's iterator without waiting on a read still pending on it. */
function letGo(source: AsyncIterator<Uint8Array>): void {
  source.return?.()?.catch(() => undefined);
}

/** BAD_RESPONSE for bytes that are not an image (an HTML page, a broken file). */
export function notAnImage(
  run: RunContext,
  label: string,
  byteLength: number,
  task: TaskHandle | undefined,
): ImageGateError {
  return new ImageGateError(
    'BAD_RESPONSE',
    `${run.provider} returned ${label} as ${byteLength} bytes that are not a PNG, JPEG, WebP or GIF image.`,
    {
      provider: run.provider,
      model: run.model,
      taskId: task?.taskId,
      task,
      retryable: false,
    },
  );
}

async function* oneChunk(body: Uint8Array): AsyncGenerator<Uint8Array> {
  yield body;
}

/** The head's chunks as one array (a copy only when there are several). */
function joined(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** An error raised while reading, with the task it belongs to (so the paid task can be resumed). */
function withTask(error: unknown, task: TaskHandle | undefined): unknown {
  return ImageGateError.is(error) && task && !error.task ? error.with({ task, taskId: task.taskId }) : error;
}
