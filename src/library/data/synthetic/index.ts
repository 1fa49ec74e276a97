// Synthetic data sets used by the papers; every generator takes an `Rng` stream (src/library/random).
export { modularArithmetic, type ModOp, type ModularOptions, type ModularTable } from './modular';
export { gaussianTeacher, type TeacherOptions, type TeacherRegression } from './teacher';
export { type Image, imageCoordinates, radialPowerSpectrum } from './image';
export { powerLawNoiseImage, type NoiseImageOptions } from './noise-image';
export { shapesImage, type ShapesImageOptions } from './shapes-image';
export { glyphImage, type GlyphImageOptions } from './glyph-image';
export { fft1d, fft2d } from './fft';
