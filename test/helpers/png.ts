/**
 * A small PNG reader for the headless-browser test: enough of the format (RFC 2083, PNG spec
 * sections 4 and 9) to read the screenshots Chromium writes. Chunks are read by length and type;
 * IHDR gives the size and pixel format, the IDAT chunks are concatenated and inflated (zlib), and
 * each scanline is unfiltered by its filter byte (None, Sub, Up, Average, Paeth). 8-bit truecolour
 * (RGB, RGBA), greyscale (with or without alpha) are read; palette and 16-bit images and interlacing are refused.
 */
import { inflateSync } from 'node:zlib';

export interface Png {
  width: number;
  height: number;
  /** Channels per pixel: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA. */
  channels: number;
  /** Unfiltered pixel rows, `width * channels` bytes each, top to bottom. */
  pixels: Buffer;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export function readPng(file: Buffer): Png {
  if (!file.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG: wrong signature');
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos + 8 <= file.length) {
    const length = file.readUInt32BE(pos);
    const type = file.toString('latin1', pos + 4, pos + 8);
    const data = file.subarray(pos + 8, pos + 8 + length);
    pos += 12 + length; // length, type, data, CRC
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = [data[8], data[9], data[10], data[11], data[12]];
      if (depth !== 8) throw new Error(`PNG bit depth ${depth} is not read (8 only)`);
      if (interlace !== 0) throw new Error('interlaced PNGs are not read');
      channels = CHANNELS[colour ?? -1] ?? 0;
      if (!channels) throw new Error(`PNG colour type ${colour} is not read`);
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
  }
  if (!width || !height) throw new Error('PNG without IHDR');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length !== height * (stride + 1)) throw new Error(`PNG data is ${raw.length} bytes, expected ${height * (stride + 1)}`);
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? pixels[out + i - channels]! : 0; // left
      const b = y > 0 ? pixels[out - stride + i]! : 0; // up
      const c = y > 0 && i >= channels ? pixels[out - stride + i - channels]! : 0; // up-left
      const x = line[i]!;
      let v: number;
      switch (filter) {
        case 0: v = x; break;
        case 1: v = x + a; break;
        case 2: v = x + b; break;
        case 3: v = x + ((a + b) >> 1); break;
        case 4: v = x + paeth(a, b, c); break;
        default: throw new Error(`PNG filter type ${filter} on row ${y}`);
      }
      pixels[out + i] = v & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** How many pixels are within `tolerance` of the colour `#rrggbb` on each channel (greyscale images: never). */
export function countColour(png: Png, hex: string, tolerance = 2): number {
  if (png.channels < 3) return 0;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  let n = 0;
  for (let p = 0; p < png.pixels.length; p += png.channels) {
    if (Math.abs(png.pixels[p]! - r) <= tolerance && Math.abs(png.pixels[p + 1]! - g) <= tolerance && Math.abs(png.pixels[p + 2]! - b) <= tolerance) n += 1;
  }
  return n;
}
