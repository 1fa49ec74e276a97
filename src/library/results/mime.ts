// What a record looks like on the wire. Kept apart from record.ts so readers of results (the
// runner, reports) do not load TF.js, which record() needs to name the backend.

/** The MIME type of a recorded result in a notebook's outputs; the runner collects these. */
export const RECORD_MIME = 'application/vnd.paperlab.record+json';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface RecordOptions {
  /** Training step or epoch the value belongs to. */
  step?: number;
  /** Unit of the value, e.g. "s", "%", "dB". */
  unit?: string;
  /**
   * Why the value is censored rather than observed, e.g. `never reached 99 % within 1500 steps`:
   * a NaN/Infinity with a reason is an expected outcome (the event did not happen in the window),
   * not a numeric failure, so the runner does not log it as one.
   */
  censored?: string;
}

/** The native path as a record names it: `{ blas: 'OpenBLAS 0.3.21 Haswell', threads: 2 }`. */
export interface NativeRecord {
  blas: string;
  threads: number;
}

/** One recorded result, as stored in the executed notebook and in results.json. */
export interface RecordEntry extends RecordOptions {
  name: string;
  value: JsonValue;
  /** The run's root seed when the value was recorded. */
  seed: number;
  /** TF.js backend in use (`useBackend()`), null before one was chosen: results are bit-identical per backend. */
  backend: string | null;
  /**
   * The native compute path (src/library/native) when it ran: its BLAS and thread count; null when
   * the wasm/JS kernels and solvers ran. Results are bit-identical per backend and path. Absent in
   * results from before the native path existed.
   */
  native?: NativeRecord | null;
  /** ISO time of recording. */
  at: string;
}
