/** The TF.js backends paperlab knows how to choose, fastest first (the automatic order). */
export const BACKEND_ORDER = ['tensorflow', 'wasm', 'cpu'] as const;

/** `tensorflow` is the native libtensorflow backend (tfjs-node-gpu or tfjs-node). */
export type BackendName = (typeof BACKEND_ORDER)[number];

/** One backend that was tried: did it register, become active and compute a known result? */
export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  /** Short verdict for the one-line summary: `ok`, `not installed`, `setBackend returned false`, … */
  reason: string;
  /** Longer explanation (which packages were tried, the error text); absent when there is nothing to add. */
  detail?: string;
  /** Time to activate the backend and run the check op, in milliseconds. */
  ms: number;
}

/** The backend in use, how it was chosen and what else was tried. Recorded with every result. */
export interface BackendInfo {
  name: BackendName;
  /** Every backend tried, in order, up to and including the chosen one. */
  tried: BackendAttempt[];
  /** `@tensorflow/tfjs` version (the engine that holds the backend). */
  tfjsVersion: string;
  /** What forced the choice: the `force` option, the PAPERLAB_BACKEND variable, or null (automatic). */
  forcedBy: 'option' | 'PAPERLAB_BACKEND' | null;
  /** npm package that registered the native backend; null when the backend is not `tensorflow`. */
  nativePackage: string | null;
  /** Whether the native backend placed ops on a GPU; null when the backend is not native (wasm/cpu use the CPU). */
  gpu: boolean | null;
  /** wasm features (SIMD; multithreading is always off in Node); null for other backends. */
  wasm: { simd: boolean; multithread: boolean } | null;
  /** When the choice was made (ISO 8601). */
  chosenAt: string;
}
