import type { Estimate, ReportNumber } from './types';

/** A ReportNumber as a JS number: null stays null, "NaN"/"Infinity" become NaN/±Infinity. */
export function toNumber(value: ReportNumber | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  return Number(value);
}

/**
 * A number with sensible precision: 4 significant digits, no exponent between 1e-3 and 1e6,
 * integers in full, thousands not grouped (tables are read by people and grepped by scripts).
 * Missing is "—"; NaN and ±Infinity are spelled out, since a diverged run must say so.
 */
export function formatNumber(value: ReportNumber | undefined, digits = 4): string {
  const v = toNumber(value);
  if (v === null) return '—';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return Number(v.toPrecision(digits)).toExponential();
  return String(Number(v.toPrecision(digits)));
}

/** A seconds count for budgets: "42.0 s", "12.5 min", "3.20 h". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return formatNumber(seconds);
  if (Math.abs(seconds) < 120) return `${seconds.toFixed(1)} s`;
  if (Math.abs(seconds) < 7200) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(2)} h`;
}

/** A budget quantity in its unit; seconds read as durations. */
export function formatAmount(value: number | null, unit: string): string {
  if (value === null) return '—';
  if (unit === 's') return formatDuration(value);
  return `${formatNumber(value)}${unit ? ` ${unit}` : ''}`;
}

/** An ISO time as "2026-11-23 13:30 UTC" (reports are compared across machines: always UTC). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Short form of a commit or digest: its first 10 characters. */
export function shortHash(hash: string | null | undefined): string {
  return hash ? hash.slice(0, 10) : '—';
}

/** "0.9512 ± 0.0031" (std omitted when missing or n = 1). */
export function formatMeanStd(e: Estimate): string {
  const std = toNumber(e.std);
  return std === null || e.n <= 1 ? formatNumber(e.mean) : `${formatNumber(e.mean)} ± ${formatNumber(std)}`;
}

/** "[0.948, 0.954]", or "—" without an interval. */
export function formatCi(e: Estimate): string {
  return e.ci ? `[${formatNumber(e.ci[0])}, ${formatNumber(e.ci[1])}]` : '—';
}

/** One line for an estimate: "0.9512 ± 0.0031, CI [0.948, 0.954], n=5". */
export function formatEstimate(e: Estimate): string {
  return `${formatMeanStd(e)}${e.ci ? `, CI ${formatCi(e)}` : ''}, n=${e.n}`;
}
