import type { StepProfile } from './profile-step';

const MB = 1024 * 1024;

/** Options of {@link formatProfile}. */
export interface FormatOptions {
  /** Rows shown; the rest are summed into one line. Default 15. */
  top?: number;
}

/** One line for a profile: label, backend, wall and kernel ms per step, peak tensor memory. */
export function profileSummary(p: StepProfile): string {
  // Negative when the profiled runs were slower than the timed ones (profiler cost, a busy machine).
  const other = p.wallMs - p.kernelMs;
  return `${p.label} on ${p.backend}: ${p.wallMs.toFixed(2)} ms/step wall (kernels ${p.kernelMs.toFixed(2)} ms, ` +
    `non-kernel ${other.toFixed(2)} ms; ${p.runs} runs), ` +
    `peak tensors ${(p.peakBytes / MB).toFixed(2)} MB, leaves ${p.newTensors} tensors` +
    (p.untimedKernels > 0 ? `, ${p.untimedKernels} kernels untimed` : '');
}

/**
 * A profile as a text table, slowest op first:
 * ```
 * op            calls   ms/step   share  MB added
 * BatchMatMul       6     3.120   61.0%     0.250
 * ```
 */
export function formatProfile(p: StepProfile, options: FormatOptions = {}): string {
  const top = options.top ?? 15;
  const shown = p.rows.slice(0, top);
  const rest = p.rows.slice(top);
  const width = Math.max(8, ...shown.map((r) => r.op.length));
  const line = (op: string, calls: string, ms: number, share: number, bytes: number): string =>
    `${op.padEnd(width)} ${calls.padStart(6)} ${ms.toFixed(3).padStart(9)} ${`${(share * 100).toFixed(1)}%`.padStart(7)} ${(bytes / MB).toFixed(3).padStart(9)}`;
  const out = [profileSummary(p), `${'op'.padEnd(width)} ${'calls'.padStart(6)} ${'ms/step'.padStart(9)} ${'share'.padStart(7)} ${'MB added'.padStart(9)}`];
  for (const r of shown) out.push(line(r.op, fmtCalls(r.calls), r.ms, r.share, r.bytesAdded));
  if (rest.length > 0) {
    const sum = (k: 'ms' | 'share' | 'bytesAdded'): number => rest.reduce((s, r) => s + r[k], 0);
    out.push(line(`(${rest.length} more)`, '', sum('ms'), sum('share'), sum('bytesAdded')));
  }
  return out.join('\n');
}

function fmtCalls(calls: number): string {
  return Number.isInteger(calls) ? String(calls) : calls.toFixed(1);
}

/** One op before and after a change. */
export interface ComparisonRow {
  op: string;
  beforeMs: number;
  afterMs: number;
  /** after - before, ms per step (negative = faster). */
  deltaMs: number;
  /** before / after (Infinity when the op disappeared, 0 when it is new). */
  speedup: number;
}

/** Two profiles side by side: what a speed change did, op by op and in total. */
export interface ProfileComparison {
  before: string;
  after: string;
  /** Sorted by |deltaMs|, largest change first. */
  rows: ComparisonRow[];
  beforeWallMs: number;
  afterWallMs: number;
  /** Wall-time speedup, before / after. */
  speedup: number;
}

/** Compares two profiles op by op (ops of either side; absent = 0 ms). */
export function compareProfiles(before: StepProfile, after: StepProfile): ProfileComparison {
  const ops = new Set([...before.rows.map((r) => r.op), ...after.rows.map((r) => r.op)]);
  const ms = (p: StepProfile, op: string): number => p.rows.find((r) => r.op === op)?.ms ?? 0;
  const rows = [...ops].map((op) => {
    const b = ms(before, op);
    const a = ms(after, op);
    return { op, beforeMs: b, afterMs: a, deltaMs: a - b, speedup: a > 0 ? b / a : b > 0 ? Infinity : 1 };
  });
  rows.sort((x, y) => Math.abs(y.deltaMs) - Math.abs(x.deltaMs) || x.op.localeCompare(y.op));
  return { before: before.label, after: after.label, rows, beforeWallMs: before.wallMs, afterWallMs: after.wallMs, speedup: before.wallMs / after.wallMs };
}

/** A comparison as a text table, largest change first; `top` rows (default 15). */
export function formatComparison(c: ProfileComparison, options: FormatOptions = {}): string {
  const rows = c.rows.slice(0, options.top ?? 15);
  const width = Math.max(8, ...rows.map((r) => r.op.length));
  const out = [
    `${c.before} -> ${c.after}: ${c.beforeWallMs.toFixed(2)} -> ${c.afterWallMs.toFixed(2)} ms/step wall, ${c.speedup.toFixed(2)}x`,
    `${'op'.padEnd(width)} ${'before ms'.padStart(10)} ${'after ms'.padStart(10)} ${'delta'.padStart(10)} ${'speedup'.padStart(8)}`,
  ];
  for (const r of rows) {
    const speed = Number.isFinite(r.speedup) ? `${r.speedup.toFixed(2)}x` : 'gone';
    out.push(`${r.op.padEnd(width)} ${r.beforeMs.toFixed(3).padStart(10)} ${r.afterMs.toFixed(3).padStart(10)} ${`${r.deltaMs >= 0 ? '+' : ''}${r.deltaMs.toFixed(3)}`.padStart(10)} ${speed.padStart(8)}`);
  }
  return out.join('\n');
}
