/**
 * A one-reader queue of byte chunks between a producer that pushes (a body
 * being decoded) and a consumer that iterates (`saveImage`). The producer
 * learns when the consumer lags ({@link ChunkQueue.backlog}) so it can stop
 * reading the socket, and when it has let go (later chunks are dropped).
 */
export class ChunkQueue implements AsyncIterable<Uint8Array> {
  private readonly chunks: Uint8Array[] = [];
  private queued = 0;
  private ended = false;
  private failure: { error: unknown } | undefined;
  /** The consumer stopped reading (returned early or threw): nothing more is kept for it. */
  private closed = false;
  private wakeReader: (() => void) | undefined;
  private wakeWriter: (() => void) | undefined;
  private iterated = false;

  /** Bytes pushed and not yet read. */
  get queuedBytes(): number {
    return this.queued;
  }

  /** Queue a chunk (dropped once the consumer has let go). */
  push(chunk: Uint8Array): void {
    if (this.closed || this.ended || chunk.byteLength === 0) return;
    this.chunks.push(chunk);
    this.queued += chunk.byteLength;
    this.wake();
  }

  /** No more chunks: the reader ends after those queued. */
  end(): void {
    this.ended = true;
    this.wake();
  }

  /** The bytes broke off: the reader gets `error` after those queued. */
  fail(error: unknown): void {
    if (this.ended) return;
    this.failure = { error };
    this.ended = true;
    this.wake();
  }

  /** Resolves once the queue holds at most `maxBytes`, or the consumer has let go. */
  backlog(maxBytes: number): Promise<void> | undefined {
    if (this.closed || this.queued <= maxBytes) return undefined;
    return new Promise<void>((resolve) => {
      this.wakeWriter = resolve;
    });
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    if (this.iterated) throw new Error('An image stream can be read once.');
    this.iterated = true;
    try {
      for (;;) {
        const chunk = this.chunks.shift();
        if (chunk) {
          this.queued -= chunk.byteLength;
          this.releaseWriter();
          yield chunk;
          continue;
        }
        if (this.failure) throw this.failure.error;
        if (this.ended) return;
        await new Promise<void>((resolve) => {
          this.wakeReader = resolve;
        });
      }
    } finally {
      this.closed = true;
      this.chunks.length = 0;
      this.queued = 0;
      this.releaseWriter();
    }
  }

  private wake(): void {
    const wake = this.wakeReader;
    this.wakeReader = undefined;
    wake?.();
  }

  private releaseWriter(): void {
    const wake = this.wakeWriter;
    this.wakeWriter = undefined;
    wake?.();
  }
}
