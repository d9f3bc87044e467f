// Reads the pixels of a PNG as Chromium's screenshots write them: 8-bit RGB or RGBA, not
// interlaced. Enough for tests that look for a colour on the WebGL canvas, which the DOM cannot
// show them; anything else is refused with an error.
import { inflateSync } from 'node:zlib';

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, row by row. */
  rgba: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function decodePng(png: Buffer): Pixels {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      const colour = body[9];
      const interlace = body[12];
      if (depth !== 8 || interlace !== 0 || (colour !== 2 && colour !== 6))
        throw new Error(`PNG: depth ${String(depth)}, colour type ${String(colour)} not read`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= channels ? (rows[y * stride + x - channels] ?? 0) : 0;
      const up = y > 0 ? (rows[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= channels ? (rows[(y - 1) * stride + x - channels] ?? 0) : 0;
      const predicted =
        filter === 1
          ? left
          : filter === 2
            ? up
            : filter === 3
              ? (left + up) >> 1
              : filter === 4
                ? paeth(left, up, upLeft)
                : 0;
      rows[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba[i * 4] = rows[i * channels] ?? 0;
    rgba[i * 4 + 1] = rows[i * channels + 1] ?? 0;
    rgba[i * 4 + 2] = rows[i * channels + 2] ?? 0;
    rgba[i * 4 + 3] = channels === 4 ? (rows[i * channels + 3] ?? 0) : 255;
  }
  return { width, height, rgba };
}

/**
 * The centres of pixels of colour `hex` (±`tolerance` per channel) whose four neighbours have it
 * too, inside `box` (CSS pixels = screenshot pixels at device scale 1).
 */
export function findColour(
  pixels: Pixels,
  hex: string,
  box: { x: number; y: number; width: number; height: number },
  tolerance = 3,
): { x: number; y: number }[] {
  const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const near = (x: number, y: number): boolean => {
    const o = (y * pixels.width + x) * 4;
    return want.every((v, c) => Math.abs((pixels.rgba[o + c] ?? -999) - v) <= tolerance);
  };
  const found: { x: number; y: number }[] = [];
  const x0 = Math.max(1, Math.ceil(box.x));
  const y0 = Math.max(1, Math.ceil(box.y));
  const x1 = Math.min(pixels.width - 2, Math.floor(box.x + box.width) - 1);
  const y1 = Math.min(pixels.height - 2, Math.floor(box.y + box.height) - 1);
  for (let y = y0; y <= y1; y++)
    for (let x = x0; x <= x1; x++)
      if (near(x, y) && near(x - 1, y) && near(x + 1, y) && near(x, y - 1) && near(x, y + 1))
        found.push({ x, y });
  return found;
}
