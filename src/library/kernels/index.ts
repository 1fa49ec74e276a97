// Training kernels for TF.js's offline backends: what tfjs-backend-wasm 4.22 lacks for backprop
// (Conv2DBackpropFilter, UnsortedSegmentSum), what it or the cpu backend runs slowly or wrongly,
// and each kernel's error bound against the cpu reference.
export { registerTrainingKernels, unregisterTrainingKernels, installedTrainingKernels } from './register';
export { KERNEL_ERROR_BOUNDS, NATIVE_KERNEL_ERROR_BOUNDS, relativeError } from './bounds';
