// Models for paper reproductions. TF.js models implement `Model` (plain tf.Variables, a forward pass
// written with tf ops, parameter and FLOP counts); the float64 solvers (ml-matrix) serve
// double-descent and kernel experiments, where float32 is not precise enough near interpolation.
// FLOPs per example, everywhere: a multiply-add counts 2, a bias add 1; elementwise activations,
// pooling, normalisation, softmax and embedding lookups are not counted.
export type { Model } from './types';
export { ACTIVATIONS, activate, type Activation } from './activations';
export { uniqueScope, type InitScheme } from './params';
export { mlp, type MlpOptions } from './mlp';
export { cnn, type CnnOptions } from './cnn';
export { tinyTransformer, type TinyTransformerOptions } from './transformer';
export { linearModel, type LinearModel, type LinearModelOptions } from './linear';
export { randomFourierFeatures, randomReluFeatures, type FeatureMap, type RandomFeatureOptions } from './random-features';
export { fitLeastSquares, type LeastSquaresOptions, type LinearFit } from './least-squares';
export { logisticScores } from './logistic-newton';
export { oneHot } from './one-hot';
export { kernelRidge, kernelRidgePrecomputed, rbfKernel, type KernelRidgeOptions, type KernelFit, type PrecomputedKernelFit } from './kernel-ridge';
export { qr, svd, type QrFactors, type SvdFactors } from './decompositions';
export type { MatrixInput, TargetInput } from './matrix';
