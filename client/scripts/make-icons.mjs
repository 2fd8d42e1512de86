/**
 * Draws Linli's app icons (two neighbouring houses on the primary colour of styles.css) and
 * writes the PNGs the web app manifest and iOS use into public/icons. Run after changing the
 * drawing: `node client/scripts/make-icons.mjs` (the PNGs are committed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const out = fileURLToPath(new URL('../public/icons/', import.meta.url));
const primary = '#1c5d7a';
const accent = '#e39b00';

/** The two houses, in a 512 box; `ink` draws them, `door` cuts the doors. */
const houses = (ink, door) => `<g transform="translate(0 -20)">
  <polygon points="96,262 180,176 264,262" fill="${ink}"/>
  <rect x="120" y="254" width="120" height="130" fill="${ink}"/>
  <rect x="164" y="316" width="32" height="68" rx="4" fill="${door}"/>
  <polygon points="248,244 332,150 416,244" fill="${ink}"/>
  <rect x="272" y="236" width="120" height="148" fill="${ink}"/>
  <rect x="316" y="316" width="32" height="68" rx="4" fill="${door}"/>
  <rect x="80" y="384" width="352" height="18" rx="9" fill="${ink}"/></g>`;

/** rounded: the plain icon; maskable: full bleed, drawing inside the 80% safe zone. */
const icon = ({ rounded }) => `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <rect width="512" height="512" rx="${rounded ? 104 : 0}" fill="${primary}"/>
  <g transform="${rounded ? '' : 'translate(51.2 51.2) scale(0.8)'}">${houses('#ffffff', accent)}</g>
</svg>`;

/** Android's status-bar badge: white on transparent, doors cut out. */
const badge = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="40 90 432 332">${houses('#ffffff', 'rgba(0,0,0,0)')}</svg>`;

mkdirSync(out, { recursive: true });
const png = (svg, size, name) => sharp(Buffer.from(svg)).resize(size, size).png({ compressionLevel: 9 }).toFile(`${out}${name}`);
await png(icon({ rounded: true }), 192, 'icon-192.png');
await png(icon({ rounded: true }), 512, 'icon-512.png');
await png(icon({ rounded: false }), 512, 'maskable-512.png');
// iOS draws its own rounded corners over a square icon.
await png(icon({ rounded: false }).replace('translate(51.2 51.2) scale(0.8)', 'translate(25.6 25.6) scale(0.9)'), 180, 'apple-touch-icon-180.png');
await png(badge, 96, 'badge-96.png');
writeFileSync(`${out}icon.svg`, icon({ rounded: true }));
console.log(`icons written to ${out}`);
