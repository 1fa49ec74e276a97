import { invalid } from '../../errors/index';
import type { Rng } from '../../random/index';
import { blankImage, checkImageSize, paint, type Image } from './image';

/** Options of `glyphImage`. */
export interface GlyphImageOptions {
  /** Pixels. */
  height: number;
  width: number;
  /** 3 (RGB, default) or 1 (gray). */
  channels?: number;
  /** Lines of text. Default: one per 32 pixels of height, at least 1. */
  lines?: number;
  /** Distinct glyphs in the image's alphabet; text repeats them like letters. Default 26. */
  alphabetSize?: number;
  rng: Rng;
}

type Stroke = readonly [number, number, number, number]; // x0, y0, x1, y1 on the unit glyph box

/**
 * Text-like images: lines of stroke glyphs in a random ink colour per line on a white background,
 * with word gaps. A procedural stand-in for the "Text" images of Tancik et al. 2020 (§6: colourful
 * text on white), offline and free of fonts. Each image draws its own alphabet of glyphs (2–4 strokes
 * between points of a 3 x 5 lattice), so glyphs repeat across the image as letters do.
 */
export function glyphImage(options: GlyphImageOptions): Image {
  const { height: h, width: w, channels = 3, rng } = options;
  checkImageSize('glyphImage', h, w, channels);
  const lines = options.lines ?? Math.max(1, Math.round(h / 32));
  const alphabetSize = options.alphabetSize ?? 26;
  if (!Number.isInteger(lines) || lines < 1 || lines > h / 4) throw invalid('glyphImage(lines)', `an integer in 1..${Math.floor(h / 4)} (at least 4 pixels a line)`, lines);
  if (!Number.isInteger(alphabetSize) || alphabetSize < 1 || alphabetSize > 1000) throw invalid('glyphImage(alphabetSize)', 'an integer in 1..1000', alphabetSize);
  const alphabetRng = rng.child('alphabet');
  const alphabet = Array.from({ length: alphabetSize }, () => randomGlyph(alphabetRng));
  const text = rng.child('text');
  const img = blankImage(h, w, new Array<number>(channels).fill(1));
  const lineH = h / lines;
  const glyphH = lineH * 0.7;
  const glyphW = glyphH * 0.6;
  const pitch = glyphW * 1.35;
  const thick = Math.max(1, glyphH * 0.12); // stroke width, pixels
  for (let l = 0; l < lines; l++) {
    // Saturated-to-dark inks, never near white, so every glyph shows.
    const ink = Array.from({ length: channels }, () => text.uniform(0, 0.75));
    const top = l * lineH + (lineH - glyphH) / 2;
    for (let left = pitch * 0.5; left + glyphW <= w; left += pitch) {
      const g = text.integer(0, alphabetSize + 4); // the last 4 draws are word gaps (~1 in 7 characters)
      if (g >= alphabetSize) continue;
      paintGlyph(img, alphabet[g]!, ink, left, top, glyphW, glyphH, thick);
    }
  }
  return img;
}

function randomGlyph(rng: Rng): Stroke[] {
  const point = (): [number, number] => [rng.integer(0, 3) / 2, rng.integer(0, 5) / 4];
  const strokes: Stroke[] = [];
  const n = rng.integer(2, 5);
  while (strokes.length < n) {
    const [x0, y0] = point();
    const [x1, y1] = point();
    if (x0 !== x1 || y0 !== y1) strokes.push([x0, y0, x1, y1]);
  }
  return strokes;
}

function paintGlyph(img: Image, strokes: readonly Stroke[], ink: readonly number[], left: number, top: number,
  gw: number, gh: number, thick: number): void {
  const segs = strokes.map(([x0, y0, x1, y1]) => [left + x0 * gw, top + y0 * gh, left + x1 * gw, top + y1 * gh] as const);
  const r2 = (thick / 2) ** 2;
  const inside = (x: number, y: number): boolean => segs.some(([ax, ay, bx, by]) => {
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= r2;
  });
  paint(img, ink, inside, [left - thick, top - thick, left + gw + thick, top + gh + thick]);
}
