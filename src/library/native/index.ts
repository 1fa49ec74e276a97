// paperlab's native compute path: an addon of the project's own (OpenBLAS, LAPACKE, oneDNN),
// built by setup; off (with one line saying why) when it is not built or PAPERLAB_NATIVE=off.
export { nativeBinding, nativeStatus, nativeRecord, nativeLine, announceNative, sourcesDigest, nativeTurnedOff, NATIVE_ENV_VAR, THREADS_ENV_VAR, ADDON_PATH, STAMP_PATH, type NativeStatus } from './load';
export { ACTIVATION_CODES, CONV_KINDS, CONV_GEOMETRY, POOL_GEOMETRY, type ConvGeometry, type ConvKind, type NativeBinding, type PoolGeometry } from './binding';
