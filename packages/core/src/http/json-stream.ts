/**
 * A JSON answer read while it streams: the string values of the declared
 * binary fields (`b64_json`, Gemini's `data`) are base64-decoded chunk by chunk
 * into one buffer each, so neither the whole body nor the base64 text is ever
 * held; the rest of the JSON (small) is kept and parsed at the end, with each
 * field replaced by its bytes, as `parseJsonBody` answers for a whole body.
 */

import { randomBytes } from 'node:crypto';
import { linkInlineSave, type InlineImageSink } from '../spec/inline-image-sink.js';
import { ChunkQueue } from './chunk-queue.js';
import { JsonBodyError } from './json-body.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const EQUALS = '=';
/** Characters of a value looked at for a data URI prefix (as `parseJsonBody` does). */
const PREFIX_PROBE = 256;
const DATA_URI_PREFIX = /^data:[^,]{0,200};base64,/i;
/** Base64 (standard or URL-safe) characters; anything else (whitespace, escaped newlines) is skipped. */
const NOT_BASE64 = /[^A-Za-z0-9+/_-]/g;
/** Decoded bytes per block handed to a sink, when the chunks read are not the scanner's to overwrite. */
const SINK_BLOCK_BYTES = 256 * 1024;
/** Decoded bytes kept for the provider to read when the image goes to a sink: enough to sniff a JPEG behind EXIF. */
const SINK_HEAD_BYTES = 256 * 1024;
const EMPTY = Buffer.alloc(0);

/** Where a value's bytes go when they are stored as decoded. */
interface ValueSink {
  queue: ChunkQueue;
  saved: Promise<unknown>;
  inPlace: boolean;
}

/** Decoded bytes per block of a value whose length was not declared. */
const BLOCK_BYTES = 1024 * 1024;
/** The first reservation for a value: a declared length may lie, so memory follows the bytes that arrive. */
const MAX_UPFRONT_BYTES = 4 * 1024 * 1024;
/** Characters decoded per string (a multiple of 4). */
const PIECE = 8 * 1024;

/** Options of {@link JsonBinaryScanner}. */
export interface JsonScanOptions {
  /** Keys whose string values are base64 and come back as `Uint8Array`. */
  binaryFields: readonly string[];
  /** The body's declared length, when exact: sizes the decode buffer so it is allocated once. */
  contentLength?: number;
  /**
   * Where each value's bytes go as they are decoded (the engine's, when the
   * caller keeps images with `saveImage`): the parsed JSON then holds each
   * value's head, linked to its save (see `inline-image-sink.ts`).
   */
  sink?: InlineImageSink;
  /**
   * The chunks pushed are the scanner's to overwrite (a transport's fresh
   * socket buffers, see `HttpResponse.ownChunks`): with a sink, each value is
   * decoded in place, into the bytes it was read from, so storing an image
   * allocates nothing per chunk.
   */
  ownChunks?: boolean;
}

/** Decoded bytes a sink may fall behind by before the body is read on. */
const SINK_BACKLOG_BYTES = 4 * 1024 * 1024;

/**
 * An incremental reader of one JSON body: {@link JsonBinaryScanner.push} each
 * chunk as it arrives, then {@link JsonBinaryScanner.end} for the parsed value.
 * Throws {@link JsonBodyError} for a body that is not JSON or ends inside a field.
 */
export class JsonBinaryScanner {
  private readonly fields: ReadonlySet<string>;
  /** Longest raw key worth keeping: a field name with every character escaped as `\uXXXX`. */
  private readonly maxKeyBytes: number;
  private readonly contentLength: number | undefined;
  private readonly sink: InlineImageSink | undefined;
  private readonly ownChunks: boolean;
  /** The sinks' queues that may still hold bytes. */
  private queues: ChunkQueue[] = [];
  // A placeholder no vendor can write: fresh random bytes for every body, so a
  // vendor string is never taken for decoded binary.
  private readonly marker = `$imagegate-binary:${randomBytes(12).toString('hex')}:`;
  private readonly binaries: Uint8Array[] = [];
  /** The JSON outside the binary values, with a placeholder string for each. */
  private rest = new Uint8Array(4096);
  private restLength = 0;
  private received = 0;

  // Outside the binary values: just enough of JSON's lexing to tell keys from other strings.
  private inString = false;
  private escaped = false;
  private key: number[] | undefined = [];
  /** The raw text of the string that just closed, until the next token shows whether it is a key. */
  private lastString: number[] | undefined;
  /** A binary field's key and colon were read: its value comes next. */
  private field: string | undefined;
  /** The name {@link JsonBinaryScanner.isField} last read. */
  private fieldName = '';

  // Inside a binary value.
  private value: ValueDecoder | undefined;

  constructor(options: JsonScanOptions) {
    this.fields = new Set(options.binaryFields);
    this.maxKeyBytes = Math.max(0, ...options.binaryFields.map((f) => Buffer.byteLength(f))) * 6;
    this.contentLength = options.contentLength;
    this.sink = options.sink;
    this.ownChunks = options.ownChunks === true;
  }

  /** Read the next chunk of the body. */
  push(chunk: Uint8Array): void {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let copyFrom = 0;
    let i = 0;
    while (i < bytes.length) {
      if (this.value) {
        i = this.value.feed(bytes, i);
        if (this.value.open) break;
        this.binaries.push(this.value.finish());
        this.value.link();
        this.value = undefined;
        copyFrom = i;
        continue;
      }
      const b = bytes[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (b === BACKSLASH) this.escaped = true;
        else if (b === QUOTE) {
          this.inString = false;
          this.lastString = this.key;
        }
        if (this.inString && this.key) {
          // A string longer than any field name cannot be one: stop keeping it.
          if (this.key.length < this.maxKeyBytes) this.key.push(b);
          else this.key = undefined;
        }
        i++;
        continue;
      }
      if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) {
        i++;
        continue;
      }
      if (this.field !== undefined && b === QUOTE) {
        // A declared field's string value: decoded from here on, a placeholder kept in its place.
        this.append(bytes, copyFrom, i);
        this.appendText(`"${this.marker}${this.binaries.length}"`);
        const left = this.contentLength !== undefined ? this.contentLength - this.received - i : undefined;
        this.value = new ValueDecoder(this.field, left, this.sink && this.openSink(this.sink));
        this.field = undefined;
        i++;
        continue;
      }
      this.field = b === COLON && this.lastString && this.isField(this.lastString) ? this.fieldName : undefined;
      this.lastString = undefined;
      if (b === QUOTE) {
        this.inString = true;
        this.key = [];
      }
      i++;
    }
    if (!this.value) this.append(bytes, copyFrom, bytes.length);
    this.received += bytes.length;
  }

  /** The body is complete: the parsed JSON, binary fields as `Uint8Array`. */
  end(): unknown {
    if (this.value) {
      const error = new JsonBodyError(`Body is truncated inside "${this.value.name}" (${this.received} bytes).`);
      this.abort(error);
      throw error;
    }
    const text = Buffer.from(this.rest.buffer, 0, this.restLength).toString('utf8');
    try {
      if (this.binaries.length === 0) return JSON.parse(text);
      const { marker, binaries } = this;
      return JSON.parse(text, (_key, value: unknown) =>
        typeof value === 'string' && value.startsWith(marker)
          ? (binaries[Number(value.slice(marker.length))] ?? value)
          : value,
      );
    } catch (error) {
      throw new JsonBodyError(`Body is not valid JSON (${this.received} bytes): ${(error as Error).message}`);
    }
  }

  /** The body broke off: a value being stored ends with `error`. */
  abort(error: unknown): void {
    this.value?.abort(error);
  }

  /** Resolves when the sinks have caught up enough to read on; undefined when they have. */
  backlog(): Promise<void> | undefined {
    this.queues = this.queues.filter((queue) => queue.queuedBytes > 0 || queue === this.value?.queue);
    for (const queue of this.queues) {
      const wait = queue.backlog(SINK_BACKLOG_BYTES);
      if (wait) return wait;
    }
    return undefined;
  }

  private openSink(sink: InlineImageSink): ValueSink {
    const queue = new ChunkQueue();
    this.queues.push(queue);
    let saved: Promise<unknown>;
    try {
      saved = sink(queue);
    } catch (error) {
      saved = Promise.reject(error);
    }
    // Seen by the engine once the provider hands the image on; never an unhandled rejection before.
    saved.catch(() => undefined);
    return { queue, saved, inPlace: this.ownChunks };
  }

  private isField(raw: number[]): boolean {
    let name = Buffer.from(raw).toString('utf8');
    if (raw.includes(BACKSLASH)) {
      try {
        name = JSON.parse(`"${name}"`) as string;
      } catch {
        return false;
      }
    }
    this.fieldName = name;
    return this.fields.has(name);
  }

  private append(bytes: Uint8Array, from: number, to: number): void {
    if (to > from) this.appendBytes(bytes.subarray(from, to));
  }

  private appendText(text: string): void {
    this.appendBytes(Buffer.from(text));
  }

  private appendBytes(bytes: Uint8Array): void {
    if (this.restLength + bytes.length > this.rest.length) {
      const grown = new Uint8Array(Math.max(this.rest.length * 2, this.restLength + bytes.length));
      grown.set(this.rest.subarray(0, this.restLength));
      this.rest = grown;
    }
    this.rest.set(bytes, this.restLength);
    this.restLength += bytes.length;
  }
}

/** One binary value as it streams in: JSON escapes undone, a data URI prefix dropped, base64 decoded. */
class ValueDecoder {
  open = true;
  private out: Buffer;
  private written = 0;
  /** The value's first characters, until they show whether it is a data URI. */
  private probe: string | undefined = '';
  /** 0–3 base64 characters waiting for the rest of their quad. */
  private pending = '';
  /** Padding was read: Node's decoder stops there, and so does this one. */
  private padded = false;
  /** Inside an escape: `\` read (''), or the hex digits of `\u` read so far ('u…'). */
  private escape: string | undefined;
  /** Full blocks of a value whose length was not declared. */
  private blocks: Buffer[] = [];
  private nextQuote = -1;
  private nextSlash = -1;
  private scanned: Buffer | undefined;

  /** With a sink: a copy of the first bytes handed to it, what the provider reads (enough to sniff). */
  private head: Buffer | undefined;
  private headLength = 0;
  /** The head as handed to the provider: the key its save is found by. */
  private finished: Uint8Array | undefined;
  private readonly saved: Promise<unknown> | undefined;
  /** Where the value's bytes go, with a sink; undefined when they are kept here. */
  readonly queue: ChunkQueue | undefined;
  /** Decoded into the chunks it is read from (see `JsonScanOptions.ownChunks`). */
  private readonly inPlace: boolean;
  /** In place: the chunk being read, where the next bytes not yet handed on start, and how far it has been read. */
  private chunk: Buffer | undefined;
  private regionStart = 0;
  private readPos = 0;

  constructor(
    readonly name: string,
    /** Body bytes still to come, when the length was declared: the value is no longer. */
    private readonly left: number | undefined,
    sink?: ValueSink,
  ) {
    this.queue = sink?.queue;
    this.saved = sink?.saved;
    this.inPlace = sink?.inPlace === true;
    const estimate = left !== undefined ? Math.ceil((Math.max(left, 0) * 3) / 4) : 64 * 1024;
    this.out = this.inPlace
      ? EMPTY
      : Buffer.allocUnsafe(sink ? SINK_BLOCK_BYTES : Math.min(estimate, MAX_UPFRONT_BYTES));
  }

  /** With a sink: link the head the provider reads to the image's save. */
  link(): void {
    if (this.finished && this.saved) linkInlineSave(this.finished, this.saved);
  }

  /** The body broke off inside this value: its sink gets the error. */
  abort(error: unknown): void {
    this.queue?.fail(error);
  }

  /** Hand decoded bytes to the sink, keeping a copy of the first ones for the provider to read. */
  private emit(block: Uint8Array): void {
    if (block.byteLength === 0) return;
    if (this.headLength < SINK_HEAD_BYTES) {
      this.head ??= Buffer.allocUnsafe(SINK_HEAD_BYTES);
      const take = Math.min(block.byteLength, SINK_HEAD_BYTES - this.headLength);
      this.head.set(block.subarray(0, take), this.headLength);
      this.headLength += take;
    }
    this.queue!.push(block);
  }

  /** In place: hand on what was decoded into the current buffer since the last time. */
  private flushRegion(): void {
    if (this.written > this.regionStart) this.emit(this.out.subarray(this.regionStart, this.written));
    this.regionStart = this.written;
  }

  /** In place: decode into `bytes` from `at` on (everything before `at` has been read). */
  private decodeInto(bytes: Buffer, at: number): void {
    this.flushRegion();
    this.chunk = bytes;
    this.out = bytes;
    this.written = this.regionStart = at;
  }

  /** Read from `at` up to the value's closing quote (then `open` is false) or the chunk's end; the next index. */
  feed(bytes: Buffer, at: number): number {
    if (!this.inPlace) return this.read(bytes, at);
    const next = this.read(bytes, at);
    // The chunk's decoded bytes go on now; what comes after this chunk is decoded elsewhere.
    this.flushRegion();
    this.chunk = undefined;
    this.out = EMPTY;
    this.written = this.regionStart = this.readPos = 0;
    return next;
  }

  private read(bytes: Buffer, at: number): number {
    if (this.scanned !== bytes) {
      this.scanned = bytes;
      this.nextQuote = this.nextSlash = -1;
    }
    let i = at;
    while (i < bytes.length) {
      if (this.escape !== undefined) {
        this.readPos = i + 1;
        this.unescape(bytes[i]!);
        i++;
        continue;
      }
      // The next quote and backslash, looked up once each, so escapes every few bytes stay linear.
      if (this.nextQuote < i && this.nextQuote !== bytes.length) this.nextQuote = at0(bytes.indexOf(QUOTE, i), bytes);
      if (this.nextSlash < i && this.nextSlash !== bytes.length) {
        this.nextSlash = at0(bytes.indexOf(BACKSLASH, i), bytes);
      }
      const stop = Math.min(this.nextQuote, this.nextSlash);
      // Small strings, each garbage once decoded: a lower measured peak than one string per chunk.
      for (let from = i; from < stop; from += PIECE) {
        const piece = bytes.toString('latin1', from, Math.min(stop, from + PIECE));
        // In place: the piece is a string now, so its bytes (and those before it) may be written over.
        if (this.inPlace && this.out !== bytes) this.decodeInto(bytes, from);
        this.readPos = Math.min(stop, from + PIECE);
        this.text(piece);
      }
      if (stop === bytes.length) return stop;
      if (stop === this.nextQuote) {
        this.open = false;
        return stop + 1;
      }
      this.escape = '';
      i = stop + 1;
    }
    return i;
  }

  /** The decoded bytes, in a buffer of their own size when the reservation was much larger. */
  finish(): Uint8Array {
    this.flushProbe();
    if (!this.padded && this.pending.length > 1) this.decode(this.pending);
    if (this.queue) {
      this.flushRegion();
      this.queue.end();
      this.finished = (this.head ?? EMPTY).subarray(0, this.headLength);
      return this.finished;
    }
    const bytes = this.out.subarray(0, this.written);
    if (this.blocks.length > 0) {
      // An undeclared length was decoded block by block: one copy into a buffer of the exact size.
      const whole = Buffer.concat([...this.blocks, bytes]);
      this.blocks = [];
      return new Uint8Array(whole.buffer, whole.byteOffset, whole.byteLength);
    }
    // A reservation sized by the body's declared length fits a single image; with
    // several images in one body, do not keep the others' share alive.
    const keep = this.out.length - this.written > Math.max(64 * 1024, this.written / 8) ? Buffer.from(bytes) : bytes;
    return new Uint8Array(keep.buffer, keep.byteOffset, keep.byteLength);
  }

  private unescape(b: number): void {
    if (this.escape === '') {
      if (b === 0x75 /* u */) this.escape = 'u';
      else {
        this.escape = undefined;
        if (b === 0x2f /* / */) this.text('/'); // other escapes (\n, \r …) are not base64: skipped
      }
      return;
    }
    this.escape += String.fromCharCode(b);
    if (this.escape!.length < 5) return;
    const code = Number.parseInt(this.escape!.slice(1), 16);
    this.escape = undefined;
    if (Number.isFinite(code)) this.text(String.fromCharCode(code));
  }

  private text(chunk: string): void {
    if (this.probe !== undefined) {
      this.probe += chunk;
      if (this.probe.length >= PREFIX_PROBE) this.flushProbe();
      return;
    }
    if (this.padded) return;
    let rest = chunk;
    if (this.pending.length > 0) {
      // Complete the quad left over from the last piece on its own: no copy of the whole piece.
      const need = 4 - this.pending.length;
      const head = this.pending + rest.slice(0, need);
      rest = rest.slice(need);
      this.pending = '';
      if (head.length < 4) return this.slowText(head);
      if (!this.quads(head)) return this.slowText(head + rest);
    }
    const whole = rest.length - (rest.length % 4);
    if (whole > 0 && !this.quads(rest.slice(0, whole))) return this.slowText(rest);
    this.pending = rest.slice(whole);
  }

  /**
   * Decode whole quads of (presumably) clean base64; false, with nothing kept, if
   * they held anything else (whitespace, padding): Node's decoder then writes fewer bytes.
   */
  private quads(base64: string): boolean {
    this.reserve(base64.length);
    const before = this.written;
    this.decode(base64);
    if (this.written === before + (base64.length / 4) * 3) return true;
    this.written = before;
    return false;
  }

  /** A piece with whitespace, other stray characters or padding: cleaned, then decoded. */
  private slowText(chunk: string): void {
    let clean = chunk;
    const eq = clean.indexOf(EQUALS);
    if (eq >= 0) {
      clean = clean.slice(0, eq);
      this.padded = true;
    }
    clean = clean.replace(NOT_BASE64, '');
    const all = this.pending + clean;
    const whole = this.padded ? all.length : all.length - (all.length % 4);
    if (whole > 0) this.decode(all.slice(0, whole));
    this.pending = all.slice(whole);
  }

  private flushProbe(): void {
    if (this.probe === undefined) return;
    const probe = this.probe;
    this.probe = undefined;
    const prefix = DATA_URI_PREFIX.exec(probe.slice(0, PREFIX_PROBE));
    this.text(prefix ? probe.slice(prefix[0].length) : probe);
  }

  private decode(base64: string): void {
    this.reserve(base64.length);
    this.written += this.out.write(base64, this.written, 'base64');
  }

  /** Room in the current buffer for what `characters` base64 characters decode to. */
  private reserve(characters: number): void {
    const most = Math.ceil(characters / 4) * 3;
    if (this.inPlace) {
      // Never past what has been read: those bytes are still to be scanned.
      if (this.out === this.chunk ? this.written + most <= this.readPos : this.written + most <= this.out.length)
        return;
      // Characters carried over from an earlier chunk, or a piece too short to hold its own bytes: a small buffer.
      this.flushRegion();
      this.out = Buffer.allocUnsafe(Math.max(most, 64));
      this.written = this.regionStart = 0;
      return;
    }
    if (this.written + most <= this.out.length) return;
    if (this.queue) {
      // Stored as decoded: each full block goes to the sink, and a fresh one takes the next bytes.
      this.flushRegion();
      this.out = Buffer.allocUnsafe(Math.max(most, SINK_BLOCK_BYTES));
      this.written = this.regionStart = 0;
      return;
    }
    if (this.left === undefined) {
      // No declared length (chunked, server-sent events): fixed blocks, joined once at the end,
      // rather than a doubling buffer whose every step is copied and left behind.
      this.blocks.push(this.out.subarray(0, this.written));
      this.out = Buffer.allocUnsafe(Math.max(most, BLOCK_BYTES));
      this.written = 0;
      return;
    }
    // The declared length bounds the value: grow to it once the first reservation is full.
    const bound = Math.ceil((this.left * 3) / 4);
    const size = Math.max(this.written + most, bound > this.out.length ? bound : this.out.length * 2);
    const grown = Buffer.allocUnsafe(size);
    this.out.copy(grown, 0, 0, this.written);
    this.out = grown;
  }
}

/** `indexOf`'s answer, with "not found" as the chunk's length. */
function at0(index: number, bytes: Buffer): number {
  return index < 0 ? bytes.length : index;
}

/**
 * Read a streamed JSON body with {@link JsonBinaryScanner}: the parsed value,
 * the declared binary fields as `Uint8Array`.
 */
export async function readJsonStream(stream: AsyncIterable<Uint8Array>, options: JsonScanOptions): Promise<unknown> {
  const scanner = new JsonBinaryScanner(options);
  try {
    for await (const chunk of stream) {
      scanner.push(chunk);
      // A sink slower than the network: the socket waits rather than the decoded bytes piling up.
      for (let wait = scanner.backlog(); wait; wait = scanner.backlog()) await wait;
    }
  } catch (error) {
    scanner.abort(error);
    throw error;
  }
  return scanner.end();
}
