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

const SI_PREFIXES: Array<[number, string]> = [[1e18, 'E'], [1e15, 'P'], [1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
/** Units that read best with an SI prefix (1277254656000 FLOP is "1.28 TFLOP"). */
const PREFIXED_UNITS = new Set(['FLOP', 'FLOPs', 'B']);

/** A count in a prefixed unit, 3 significant digits: "1.28 TFLOP", "512 FLOP". */
export function formatSi(value: number, unit: string): string {
  const abs = Math.abs(value);
  for (const [scale, prefix] of SI_PREFIXES) {
    if (abs >= scale) return `${Number((value / scale).toPrecision(3))} ${prefix}${unit}`;
  }
  return `${formatNumber(value, 3)} ${unit}`;
}

/** A budget quantity in its unit; seconds (wall or CPU) read as durations, FLOPs with an SI prefix. */
export function formatAmount(value: number | null, unit: string): string {
  if (value === null) return '—';
  if (unit === 's' || unit === 'CPU s') return `${formatDuration(value)}${unit === 'CPU s' ? ' CPU' : ''}`;
  if (PREFIXED_UNITS.has(unit) && Number.isFinite(value)) return formatSi(value, unit);
  return `${formatNumber(value)}${unit ? ` ${unit}` : ''}`;
}

/**
 * The band a claim accepts, as the verdict applies it: "[0.91, 0.95] (0.93 ± 0.02)" for a two-sided
 * band, ">= 2" or "<= 0.01" for a one-sided one, "= 1" for an exact value. `fallback` (the
 * tolerance in words) when the report carries no band.
 */
export function formatBand(band: [ReportNumber, ReportNumber] | undefined, paperValue: ReportNumber, fallback: string): string {
  if (!band) return fallback;
  const lo = toNumber(band[0]);
  const hi = toNumber(band[1]);
  const finite = (v: number | null): v is number => v !== null && Number.isFinite(v);
  if (finite(lo) && finite(hi)) {
    if (lo === hi) return `= ${formatNumber(lo)}`;
    const p = toNumber(paperValue);
    // Symmetric about the value: say the centre and the half-width too, as the config gives them.
    const half = (hi - lo) / 2;
    const centred = p !== null && Math.abs(p - (lo + hi) / 2) <= 1e-12 * Math.max(1, Math.abs(p));
    return `[${formatNumber(lo)}, ${formatNumber(hi)}]${centred ? ` (${formatNumber(p)} ± ${formatNumber(half)})` : ''}`;
  }
  if (finite(lo)) return `>= ${formatNumber(lo)}`;
  if (finite(hi)) return `<= ${formatNumber(hi)}`;
  return 'any value';
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
