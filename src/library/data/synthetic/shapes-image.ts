import { invalid } from '../../errors/index';
import type { Rng } from '../../random/index';
import { blankImage, checkImageSize, paint, type Image } from './image';

/** Options of `shapesImage`. */
export interface ShapesImageOptions {
  /** Pixels. */
  height: number;
  width: number;
  /** 3 (RGB, default) or 1 (gray). */
  channels?: number;
  /** Shapes painted over each other, in draw order. Default 12. */
  nShapes?: number;
  rng: Rng;
}

/**
 * Random filled circles, rotated rectangles and triangles in random flat colours on a random
 * background, with anti-aliased edges: an image made of sharp edges and flat regions, the content
 * where a coordinate MLP without Fourier features blurs most (Tancik et al. 2020, Fig. 1).
 */
export function shapesImage(options: ShapesImageOptions): Image {
  const { height: h, width: w, channels = 3, nShapes = 12, rng } = options;
  checkImageSize('shapesImage', h, w, channels);
  if (!Number.isInteger(nShapes) || nShapes < 0 || nShapes > 1000) throw invalid('shapesImage(nShapes)', 'an integer in 0..1000', nShapes);
  const color = (): number[] => Array.from({ length: channels }, () => rng.uniform());
  const img = blankImage(h, w, color());
  const side = Math.min(h, w);
  for (let s = 0; s < nShapes; s++) {
    const kind = rng.integer(0, 3);
    const cx = rng.uniform(0, w);
    const cy = rng.uniform(0, h);
    const size = side * rng.uniform(0.05, 0.25); // pixels: radius, half-extent or spread
    const fill = color();
    if (kind === 0) {
      paint(img, fill, (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= size * size, [cx - size, cy - size, cx + size, cy + size]);
    } else if (kind === 1) {
      const ax = size;
      const ay = size * rng.uniform(0.3, 1);
      const angle = rng.uniform(0, Math.PI);
      const cos = Math.cos(angle);
      const sin = Math.sin(angle);
      const inside = (x: number, y: number): boolean => {
        const u = (x - cx) * cos + (y - cy) * sin; // rotate into the rectangle's frame
        const v = -(x - cx) * sin + (y - cy) * cos;
        return Math.abs(u) <= ax && Math.abs(v) <= ay;
      };
      const r = Math.hypot(ax, ay);
      paint(img, fill, inside, [cx - r, cy - r, cx + r, cy + r]);
    } else {
      const pts = Array.from({ length: 3 }, () => [cx + rng.uniform(-size, size), cy + rng.uniform(-size, size)] as const);
      paint(img, fill, (x, y) => inTriangle(x, y, pts), [cx - size, cy - size, cx + size, cy + size]);
    }
  }
  return img;
}

function inTriangle(x: number, y: number, [a, b, c]: readonly (readonly [number, number])[]): boolean {
  const cross = (p: readonly [number, number], q: readonly [number, number]): number => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const d1 = cross(a!, b!);
  const d2 = cross(b!, c!);
  const d3 = cross(c!, a!);
  return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
}
