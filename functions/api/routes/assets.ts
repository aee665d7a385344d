import { Hono } from 'hono';
import type { Env } from '../app.js';

/**
 * The site's icon: a heart on the pages' accent colour. Pages link the SVG; browsers and tools
 * that ask for /favicon.ico by habit get the same picture as a 16x16 icon, drawn here once.
 */
export const assetRoutes = new Hono<Env>();

const ACCENT = [0x7a, 0x5c, 0x8e] as const;

export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="16" fill="#7a5c8e"/>' +
  '<path d="M16 25c-5-3.6-9-7-9-11.2C7 11 9 9 11.6 9c1.9 0 3.4 1.1 4.4 2.6C17 10.1 18.5 9 20.4 9 23 9 25 11 25 13.8 25 18 21 21.4 16 25z" fill="#fff"/></svg>';

/** A 16x16, 32-bit ICO: the disc and the heart (|x|, y inside the classic heart curve), no anti-aliasing. */
export function faviconIco(): Buffer {
  const N = 16;
  const pixels = Buffer.alloc(N * N * 4);
  for (let row = 0; row < N; row++)
    for (let col = 0; col < N; col++) {
      const cx = (col + 0.5 - N / 2) / (N / 2);
      const cy = (N / 2 - (row + 0.5)) / (N / 2);
      const inDisc = cx * cx + cy * cy <= 1;
      const hx = cx / 0.56;
      const hy = (cy + 0.12) / 0.56;
      const inHeart = (hx * hx + hy * hy - 1) ** 3 - hx * hx * hy ** 3 <= 0;
      const [r, g, b] = inHeart ? [255, 255, 255] : ACCENT;
      // BMP rows run bottom-up, pixels as B, G, R, A.
      const at = ((N - 1 - row) * N + col) * 4;
      pixels.set(inDisc ? [b, g, r, 255] : [0, 0, 0, 0], at);
    }
  const mask = Buffer.alloc((N * N) / 8); // all visible: the alpha channel decides
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(N, 4);
  header.writeInt32LE(N * 2, 8); // colour rows + mask rows
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(pixels.length + mask.length, 20);
  const image = Buffer.concat([header, pixels, mask]);
  const dir = Buffer.alloc(6 + 16);
  dir.writeUInt16LE(1, 2); // type: icon
  dir.writeUInt16LE(1, 4); // one image
  dir.writeUInt8(N, 6);
  dir.writeUInt8(N, 7);
  dir.writeUInt16LE(1, 10); // planes
  dir.writeUInt16LE(32, 12); // bits per pixel
  dir.writeUInt32LE(image.length, 14);
  dir.writeUInt32LE(dir.length, 18);
  return Buffer.concat([dir, image]);
}

let ico: Buffer | undefined;
const cached = { 'Cache-Control': 'public, max-age=604800' };

assetRoutes.get('/favicon.ico', (c) => c.body(new Uint8Array((ico ??= faviconIco())), 200, { 'Content-Type': 'image/x-icon', ...cached }));
assetRoutes.get('/favicon.svg', (c) => c.body(FAVICON_SVG, 200, { 'Content-Type': 'image/svg+xml', ...cached }));
