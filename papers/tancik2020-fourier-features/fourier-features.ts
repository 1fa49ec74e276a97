// Fourier feature input mappings for coordinate MLPs (Tancik et al. 2020, "Fourier features let
// networks learn high frequency functions in low dimensional domains"): none, basic, positional
// encoding, Gaussian random features; the paper's 2D image split; a full-batch image fit.
export {
  noMapping, basicMapping, positionalEncoding, gaussianMapping, MAPPING_KINDS,
  type InputMapping, type MappingKind, type PositionalOptions, type GaussianOptions,
} from './mappings';
export { offsetGridSplit, midpointInterpolation, type PixelSet } from './image-split';
export { fitImage, type FitImageOptions, type FitImageResult } from './fit';
