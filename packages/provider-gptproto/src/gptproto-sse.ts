/**
 * An incremental server-sent-events decoder working on bytes. Image events
 * carry megabytes of base64 in one `data:` line, so the line is never turned
 * into a string here: the event hands over a view of the bytes, which the
 * consumer parses with core's `parseJsonBody` (base64 decoded straight from
 * the bytes). Buffering is linear: each chunk is copied once and scanned once.
 */

/** One event: its `event:` name (if any) and its `data:` lines joined by `\n`. */
export interface SseEvent {
  event?: string;
  /** A view valid only during the callback; copy it to keep it. */
  data: Uint8Array;
}

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
const SPACE = 0x20;

/** Decodes chunks into events; call {@link SseDecoder.end} when the body is done. */
export class SseDecoder {
  private buffer = new Uint8Array(64 * 1024);
  private length = 0;
  /** Where the next line starts. */
  private lineStart = 0;
  private eventName: string | undefined;
  /** `data:` value ranges of the event being read, as [start, end) in `buffer`. */
  private dataRanges: Array<[number, number]> = [];

  constructor(private readonly onEvent: (event: SseEvent) => void) {}

  /** Feed the next body chunk; complete events are dispatched at once. */
  push(chunk: Uint8Array): void {
    this.append(chunk);
    let scanFrom = this.length - chunk.byteLength;
    for (;;) {
      const lf = this.buffer.subarray(0, this.length).indexOf(LF, Math.max(scanFrom, this.lineStart));
      if (lf < 0) break;
      const end = lf > this.lineStart && this.buffer[lf - 1] === CR ? lf - 1 : lf;
      this.line(this.lineStart, end);
      this.lineStart = lf + 1;
      scanFrom = this.lineStart;
    }
    this.compact();
  }

  /** The body ended: a last line without newline and an event without its blank line still count. */
  end(): void {
    if (this.lineStart < this.length) {
      const end = this.buffer[this.length - 1] === CR ? this.length - 1 : this.length;
      this.line(this.lineStart, end);
      this.lineStart = this.length;
    }
    this.dispatch();
  }

  private line(start: number, end: number): void {
    if (start === end) return this.dispatch();
    if (this.buffer[start] === COLON) return; // a comment (keep-alive)
    const colon = this.buffer.subarray(start, end).indexOf(COLON);
    const nameEnd = colon < 0 ? end : start + colon;
    let valueStart = colon < 0 ? end : nameEnd + 1;
    if (valueStart < end && this.buffer[valueStart] === SPACE) valueStart++;
    const name = latin1(this.buffer, start, nameEnd);
    if (name === 'data') this.dataRanges.push([valueStart, end]);
    else if (name === 'event') this.eventName = new TextDecoder().decode(this.buffer.subarray(valueStart, end));
  }

  private dispatch(): void {
    const ranges = this.dataRanges;
    const event = this.eventName;
    this.dataRanges = [];
    this.eventName = undefined;
    if (ranges.length === 0) return;
    let data: Uint8Array;
    if (ranges.length === 1) {
      data = this.buffer.subarray(ranges[0]![0], ranges[0]![1]);
    } else {
      const size = ranges.reduce((n, [s, e]) => n + (e - s), ranges.length - 1);
      data = new Uint8Array(size);
      let at = 0;
      ranges.forEach(([s, e], i) => {
        if (i > 0) data[at++] = LF;
        data.set(this.buffer.subarray(s, e), at);
        at += e - s;
      });
    }
    this.onEvent(event === undefined ? { data } : { event, data });
  }

  private append(chunk: Uint8Array): void {
    if (this.length + chunk.byteLength > this.buffer.byteLength) {
      const grown = new Uint8Array(Math.max(this.buffer.byteLength * 2, this.length + chunk.byteLength));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(chunk, this.length);
    this.length += chunk.byteLength;
  }

  /** Drop consumed bytes, keeping the event being read (its data ranges move with it). */
  private compact(): void {
    const keepFrom = this.dataRanges.length > 0 ? Math.min(this.dataRanges[0]![0], this.lineStart) : this.lineStart;
    if (keepFrom === 0) return;
    this.buffer.copyWithin(0, keepFrom, this.length);
    this.length -= keepFrom;
    this.lineStart -= keepFrom;
    this.dataRanges = this.dataRanges.map(([s, e]) => [s - keepFrom, e - keepFrom]);
  }
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end && i - start < 32; i++) out += String.fromCharCode(bytes[i]!);
  return out;
}
