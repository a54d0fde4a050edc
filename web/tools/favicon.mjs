// favicon: the site's icon (a 2 × 2 heat map on a dark tile) drawn as a 32 × 32 PNG, written
// into dist/ by build-site.mjs; nothing binary is committed. A PNG, not an SVG: Chromium fetches
// a page's icon again after every history.replaceState, and an SVG icon is parsed into a whole
// SVG document on the page's main thread each time (4-17 ms under load, in the frames right
// after a keystroke); a 1 KB PNG decodes in microseconds.
import { deflateSync } from 'node:zlib';

const SIZE = 32;
const TILE = [0x21, 0x31, 0x3c];
// [x, y, colour] of the four 8 × 8 squares (viridis yellow, green, blue, yellow)
const SQUARES = [
  [6, 6, [0xfd, 0xe7, 0x25]],
  [18, 6, [0x35, 0xb7, 0x79]],
  [6, 18, [0x31, 0x68, 0x8e]],
  [18, 18, [0xfd, 0xe7, 0x25]],
];
const RADIUS = 6; // the tile's rounded corners

function pixel(x, y) {
  for (const [sx, sy, colour] of SQUARES) if (x >= sx && x < sx + 8 && y >= sy && y < sy + 8) return [...colour, 255];
  // outside the rounded corner: transparent
  const cx = Math.min(Math.max(x + 0.5, RADIUS), SIZE - RADIUS);
  const cy = Math.min(Math.max(y + 0.5, RADIUS), SIZE - RADIUS);
  return Math.hypot(x + 0.5 - cx, y + 0.5 - cy) > RADIUS ? [0, 0, 0, 0] : [...TILE, 255];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** -> Buffer: the icon as an 8-bit RGBA PNG. */
export function faviconPng() {
  const rows = [];
  for (let y = 0; y < SIZE; ++y)
    rows.push(Buffer.from([0, ...Array.from({ length: SIZE }, (_, x) => pixel(x, y)).flat()]));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
