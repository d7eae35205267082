/**
 * Server-sent events whose data is JSON, read as the body streams: each
 * event's `data:` lines go straight into a {@link JsonBinaryScanner}, so an
 * event carrying megabytes of base64 (a streamed partial image) is decoded as
 * it arrives; neither the line nor the body is ever held.
 */

import { JsonBinaryScanner, type JsonScanOptions } from './json-stream.js';

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
const SPACE = 0x20;
/** A field name longer than this is none the reader knows. */
const MAX_NAME = 16;
/** Bytes of an `event:` value kept. */
const MAX_EVENT_NAME = 256;
/** Bytes of an event's data kept as text, for a sentinel such as `[DONE]`. */
const HEAD_BYTES = 64;

/** One event: its name, the start of its data as text, and its data read as JSON. */
export interface SseJsonEvent {
  /** The `event:` field, if any. */
  event?: string;
  /** The data's first bytes (up to 64) as text: shows a sentinel such as `[DONE]` without parsing. */
  head: string;
  /** The data parsed, binary fields as `Uint8Array`; throws `JsonBodyError` for data that is not JSON. */
  read(): unknown;
}

/** Options of {@link SseJsonReader}. */
export interface SseJsonOptions extends Pick<JsonScanOptions, 'binaryFields'> {
  /** Called for each complete event, in order. */
  onEvent(event: SseJsonEvent): void;
}

type Field = 'data' | 'event' | 'other';

/**
 * Reads a server-sent-events body chunk by chunk ({@link SseJsonReader.push},
 * then {@link SseJsonReader.end}). Lines end with LF, CR or CRLF; comments and
 * unknown fields are skipped; an event's `data:` lines are joined by `\n`.
 */
export class SseJsonReader {
  private readonly options: SseJsonOptions;
  /** The line's field name so far; undefined at the start of a line. */
  private name: number[] | undefined;
  /** The field whose value is being read; undefined while reading a name. */
  private field: Field | 'comment' | undefined;
  /** One space after the colon is not part of the value. */
  private skipSpace = false;
  /** A CR ended the last line: an LF right after it belongs to it. */
  private skipLf = false;
  private eventName: number[] = [];
  private scanner: JsonBinaryScanner | undefined;
  private head: number[] = [];
  private readonly lines = new LineEnds();

  constructor(options: SseJsonOptions) {
    this.options = options;
  }

  /** Read the next chunk of the body; complete events are handed over at once. */
  push(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.skipLf) {
        this.skipLf = false;
        if (chunk[i] === LF) {
          i++;
          continue;
        }
      }
      if (this.field !== undefined) {
        if (this.skipSpace) {
          this.skipSpace = false;
          if (chunk[i] === SPACE) i++;
          continue;
        }
        const end = this.lines.end(chunk, i);
        this.value(chunk, i, end);
        if (end === chunk.length) return;
        this.endLine(chunk[end]!);
        i = end + 1;
        continue;
      }
      const b = chunk[i++]!;
      if (b === LF || b === CR) {
        if (this.name === undefined) this.dispatch();
        else this.startValue(true);
        this.endLine(b);
      } else if (this.name === undefined && b === COLON) this.field = 'comment';
      else if (b === COLON) {
        this.startValue(false);
        this.skipSpace = true;
      } else {
        this.name ??= [];
        if (this.name.length <= MAX_NAME) this.name.push(b);
      }
    }
  }

  /** The body ended: a last line without its newline, and an event without its blank line, still count. */
  end(): void {
    if (this.field !== undefined || this.name !== undefined) {
      if (this.field === undefined) this.startValue(true);
      this.endLine(LF);
    }
    this.dispatch();
  }

  /** The name is read (`empty`: the line has no colon, so no value): what its value goes to. */
  private startValue(empty: boolean): void {
    const name = Buffer.from(this.name ?? []).toString('latin1');
    this.field = name === 'data' ? 'data' : name === 'event' ? 'event' : 'other';
    if (this.field === 'event') this.eventName = [];
    if (this.field === 'data') {
      if (this.scanner) this.data(Uint8Array.of(LF));
      else this.scanner = new JsonBinaryScanner({ binaryFields: this.options.binaryFields });
    }
    if (empty) this.skipSpace = false;
  }

  private value(chunk: Uint8Array, from: number, to: number): void {
    if (to <= from) return;
    if (this.field === 'data') this.data(chunk.subarray(from, to));
    else if (this.field === 'event') {
      for (let i = from; i < to && this.eventName.length < MAX_EVENT_NAME; i++) this.eventName.push(chunk[i]!);
    }
  }

  private data(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length && this.head.length < HEAD_BYTES; i++) this.head.push(bytes[i]!);
    this.scanner!.push(bytes);
  }

  private endLine(terminator: number): void {
    this.name = undefined;
    this.field = undefined;
    this.skipSpace = false;
    this.skipLf = terminator === CR;
  }

  private dispatch(): void {
    const { scanner, eventName, head } = this;
    this.scanner = undefined;
    this.eventName = [];
    this.head = [];
    if (!scanner) return;
    const event = eventName.length > 0 ? Buffer.from(eventName).toString('utf8') : undefined;
    this.options.onEvent({
      ...(event === undefined ? {} : { event }),
      head: Buffer.from(head).toString('utf8'),
      read: () => scanner.end(),
    });
  }
}

/**
 * Where lines end in a chunk: the next CR and LF, each looked up once and
 * again only when passed, so a chunk of many short lines stays linear.
 */
class LineEnds {
  private chunk: Buffer | undefined;
  private source: Uint8Array | undefined;
  private nextLf = -1;
  private nextCr = -1;

  /** The next CR or LF at or after `from`, or the chunk's length. */
  end(chunk: Uint8Array, from: number): number {
    if (this.source !== chunk) {
      this.source = chunk;
      this.chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      this.nextLf = this.nextCr = -1;
    }
    const bytes = this.chunk!;
    if (this.nextLf < from && this.nextLf !== bytes.length) this.nextLf = found(bytes.indexOf(LF, from), bytes);
    if (this.nextCr < from && this.nextCr !== bytes.length) this.nextCr = found(bytes.indexOf(CR, from), bytes);
    return Math.min(this.nextLf, this.nextCr);
  }
}

/** `indexOf`'s answer, with "not found" as the chunk's length. */
function found(index: number, bytes: Buffer): number {
  return index < 0 ? bytes.length : index;
}
