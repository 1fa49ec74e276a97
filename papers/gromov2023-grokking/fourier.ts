// Fourier view of modular-arithmetic networks (Gromov 2023): analytic cosine weights, Fourier
// concentration of learned weights, and the step at which a metric settles above a threshold.
export { cosineWeights, type CosineWeights } from './cosine';
export { fourierConcentration, firstStepReaching, type FourierConcentration } from './concentration';
