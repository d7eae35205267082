/**
 * Tiny encoders for solid-colour JPEG and WebP images of any size, so fake
 * vendors and emulators can answer with real files of the size asked for.
 * They rely on solid colour: a JPEG of DC-only blocks, a lossless WebP whose
 * prefix codes each hold one symbol (zero bits per pixel).
 */

/** An RGB colour. */
export type Rgb = [number, number, number];

class BitWriter {
  private bytes: number[] = [];
  private acc = 0;
  private count = 0;
  constructor(private readonly msbFirst: boolean) {}
  write(value: number, bits: number): void {
    for (let i = 0; i < bits; i++) {
      const bit = this.msbFirst ? (value >> (bits - 1 - i)) & 1 : (value >> i) & 1;
      if (this.msbFirst) this.acc = (this.acc << 1) | bit;
      else this.acc |= bit << this.count;
      if (++this.count === 8) this.flush();
    }
  }
  private flush(): void {
    this.bytes.push(this.acc);
    // JPEG entropy data stuffs a zero after every 0xFF byte.
    if (this.msbFirst && this.acc === 0xff) this.bytes.push(0);
    this.acc = 0;
    this.count = 0;
  }
  finish(): number[] {
    if (this.count > 0) {
      if (this.msbFirst)
        this.write((1 << (8 - this.count)) - 1, 8 - this.count); // pad with 1-bits
      else this.flush();
    }
    return this.bytes;
  }
}

/**
 * A lossless (VP8L) WebP of one colour, any size up to 16384 × 16384.
 * @example encodeSolidWebp(1024, 768, [200, 60, 60])
 */
export function encodeSolidWebp(width: number, height: number, [r, g, b]: Rgb = [40, 90, 200]): Uint8Array {
  checkSize(width, height, 16384);
  const bits = new BitWriter(false);
  bits.write(width - 1, 14);
  bits.write(height - 1, 14);
  bits.write(0, 1); // alpha not used
  bits.write(0, 3); // version
  bits.write(0, 1); // no transform
  bits.write(0, 1); // no colour cache
  bits.write(0, 1); // no meta prefix codes
  // Green, red, blue, alpha, distance: each a "simple" code with one 8-bit symbol.
  for (const symbol of [g, r, b, 255, 0]) {
    bits.write(1, 1); // simple code
    bits.write(0, 1); // one symbol
    bits.write(1, 1); // the symbol takes 8 bits
    bits.write(symbol, 8);
  }
  const payload = [0x2f, ...bits.finish()];
  // The chunk size counts the payload; an odd payload is followed by a pad byte.
  const chunk = [...ascii('VP8L'), ...u32le(payload.length), ...payload, ...(payload.length % 2 ? [0] : [])];
  return new Uint8Array([...ascii('RIFF'), ...u32le(4 + chunk.length), ...ascii('WEBP'), ...chunk]);
}

/**
 * A baseline JPEG of one colour, any size up to 65535 × 65535: every 8 × 8
 * block carries only its DC term (quantised with 1s, so the colour is exact).
 */
export function encodeSolidJpeg(width: number, height: number, [r, g, b]: Rgb = [40, 90, 200]): Uint8Array {
  checkSize(width, height, 65535);
  const y = 0.299 * r + 0.587 * g + 0.114 * b;
  const cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
  const cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
  const dc = [y, cb, cr].map((v) => Math.round(8 * (Math.min(255, Math.max(0, v)) - 128)));
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = new BitWriter(true);
  for (let n = 0; n < blocks; n++) {
    for (let c = 0; c < 3; c++) {
      const diff = n === 0 ? dc[c]! : 0;
      const category = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
      const [code, length] = (c === 0 ? LUMA_DC : CHROMA_DC)[category]!;
      bits.write(code, length);
      if (category > 0) bits.write(diff > 0 ? diff : diff + (1 << category) - 1, category);
      bits.write(0, 1); // AC: end of block (the only symbol of our AC tables, code "0")
    }
  }
  const quant = [0xff, 0xdb, 0, 67, 0, ...new Array(64).fill(1)];
  const frame = [
    0xff,
    0xc0,
    0,
    17,
    8,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    3,
    1,
    0x11,
    0,
    2,
    0x11,
    0,
    3,
    0x11,
    0,
  ];
  const tables = [
    ...dht(0x00, LUMA_DC_BITS, DC_VALUES),
    ...dht(0x01, CHROMA_DC_BITS, DC_VALUES),
    ...dht(0x10, EOB_ONLY_BITS, [0]),
    ...dht(0x11, EOB_ONLY_BITS, [0]),
  ];
  const scan = [0xff, 0xda, 0, 12, 3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0];
  const jfif = [0xff, 0xe0, 0, 16, ...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  return new Uint8Array([0xff, 0xd8, ...jfif, ...quant, ...frame, ...tables, ...scan, ...bits.finish(), 0xff, 0xd9]);
}

// The standard (ITU T.81 Annex K) DC tables; AC tables hold just end-of-block.
const LUMA_DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const CHROMA_DC_BITS = [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
const EOB_ONLY_BITS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const LUMA_DC = canonicalCodes(LUMA_DC_BITS);
const CHROMA_DC = canonicalCodes(CHROMA_DC_BITS);

/** Canonical Huffman codes [code, length] for symbols 0…n in order, from the BITS counts. */
function canonicalCodes(counts: number[]): Array<[number, number]> {
  const codes: Array<[number, number]> = [];
  let code = 0;
  counts.forEach((count, i) => {
    for (let k = 0; k < count; k++) codes.push([code++, i + 1]);
    code <<= 1;
  });
  return codes;
}

function dht(tableClassAndId: number, counts: number[], values: number[]): number[] {
  const length = 2 + 1 + 16 + values.length;
  return [0xff, 0xc4, length >> 8, length & 0xff, tableClassAndId, ...counts, ...values];
}

function checkSize(width: number, height: number, max: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > max || height > max) {
    throw new RangeError(`image size must be whole numbers from 1 to ${max}; got ${width}x${height}`);
  }
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const u32le = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
