/**
 * The PNG reader the headless-browser test decodes screenshots with (test/helpers/png.ts), checked
 * on images built here with every scanline filter, so a screenshot check cannot pass on a reader
 * that garbles pixels.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { countColour, readPng } from '../helpers/png.js';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, data, Buffer.alloc(4)]); // the reader does not check the CRC
}

/**
 * A PNG of `rows` (RGB or RGBA bytes per row), row y filtered with filter y % 5, following the
 * spec's definitions (filtered = raw - predictor, mod 256) on the raw bytes.
 */
function encode(width: number, channels: number, rows: number[][]): Buffer {
  const colour = { 3: 2, 4: 6 }[channels as 3 | 4];
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(rows.length, 4);
  ihdr[8] = 8;
  ihdr[9] = colour;
  const lines = rows.map((row, y) => {
    const filter = y % 5;
    const prev = y > 0 ? rows[y - 1]! : row.map(() => 0);
    const out = row.map((x, i) => {
      const a = i >= channels ? row[i - channels]! : 0;
      const b = prev[i]!;
      const c = i >= channels ? prev[i - channels]! : 0;
      const pred = [0, a, b, (a + b) >> 1, paethRef(a, b, c)][filter]!;
      return (x - pred + 256) % 256;
    });
    return Buffer.from([filter, ...out]);
  });
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(lines))), chunk('IEND', Buffer.alloc(0))]);
}

// The spec's Paeth predictor, written from its definition.
function paethRef(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  if (pa <= pb && pa <= pc) return a;
  if (pb <= pc) return b;
  return c;
}

describe('readPng', () => {
  // 3 x 6 pixels, every row a different filter 0..4 then 0 again, bytes that wrap around 256.
  const width = 3;
  const rgb = Array.from({ length: 6 }, (_, y) => Array.from({ length: width * 3 }, (_, i) => (y * 97 + i * 61 + (i % 3) * 200) % 256));

  it('reads the size and every pixel of an RGB image with each filter type', () => {
    const png = readPng(encode(width, 3, rgb));
    expect([png.width, png.height, png.channels]).toEqual([3, 6, 3]);
    expect([...png.pixels]).toEqual(rgb.flat());
  });

  it('reads RGBA, and counts pixels of a colour', () => {
    const blue = [0x25, 0x63, 0xeb, 255];
    const white = [255, 255, 255, 255];
    const rows = [[...blue, ...white], [...white, ...blue], [...blue, ...blue]];
    const png = readPng(encode(2, 4, rows));
    expect(png.channels).toBe(4);
    // Four of the six pixels are #2563eb.
    expect(countColour(png, '#2563eb', 0)).toBe(4);
    expect(countColour(png, '#ffffff', 0)).toBe(2);
  });

  it('refuses what is not a PNG', () => {
    expect(() => readPng(Buffer.from('GIF89a not a png'))).toThrow(/not a PNG/);
  });
});
