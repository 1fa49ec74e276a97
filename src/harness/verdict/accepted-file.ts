import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { invalid } from '../../library/errors/index';
import { mean } from '../../library/stats/index';
import type { NativeRecord } from '../../library/results/index';
import { metricSeries, numericMetrics, toNumber, type RecordLike, type RunResults } from './records';

/** Version tag of accepted.json. */
export const ACCEPTED_FORMAT = 'paperlab.accepted/1';
/** File name of a paper's accepted results, beside its config: papers/<id>/accepted.json. */
export const ACCEPTED_FILE = 'accepted.json';
/** File name of the accepted results of the paper's CI replay profile (config.yaml `replay`). */
export const ACCEPTED_REPLAY_FILE = 'accepted.replay.json';

/** Which runs a file accepts: full runs (`paperlab run`), or the tiny CI replay (`--replay`). */
export type AcceptedProfile = 'full' | 'replay';

/**
 * Which compute path the accepted runs ran on: the native path (src/library/native) or the
 * wasm/JS fallback. Results are bit-identical per path, not across paths (sgemm and XNNPACK sum in
 * other orders, and a training run amplifies the last bits), so each path has its own file:
 * accepted[.replay].json for the native path, accepted[.replay].fallback.json for the fallback.
 */
export type ComputePath = 'native' | 'fallback';

/** One accepted metric: the mean over seeds, optional own tolerances, and the values it came from. */
export interface AcceptedMetric {
  /** Mean over `values`. */
  value: number;
  /** Absolute tolerance for this metric, in its unit; overrides the check's default. Kept on re-accept. */
  atol?: number;
  /** Relative tolerance (fraction of |value|); overrides the check's default. Kept on re-accept. */
  rtol?: number;
  seeds: number[];
  /** One value per seed, same order as `seeds`. */
  values: number[];
}

/** papers/<id>/accepted.json: the results a paper's replays are checked against. */
export interface AcceptedResults {
  format: typeof ACCEPTED_FORMAT;
  /** ISO time of acceptance. */
  acceptedAt: string;
  /** The runs (paths or labels) the values came from. */
  runs: string[];
  /** The compute path the runs ran on (absent in files from before the native path: fallback). */
  compute?: ComputePath;
  /** The native path's BLAS and threads when it ran. */
  native?: NativeRecord | null;
  metrics: { [metric: string]: AcceptedMetric };
  /**
   * The replay key of each accepted seed (src/harness/reproduce/replay-key.ts), when every run
   * recorded one: a check whose keys all equal these needs no replay. Absent in older files.
   */
  replayKeys?: { [seed: string]: string };
  /** One digest per seed-independent part of those keys, so a changed key can say which part changed. */
  replayParts?: { [part: string]: string };
}

/** What a run's manifest says about its replay key (replay() in run-paper.ts writes it). */
interface KeyedManifest { seed?: unknown; replayKey?: unknown; replayParts?: unknown }

/** A metric accepted with a non-finite value, and which seeds gave one (a later finite value is a change too). */
export interface NonFiniteMetric { metric: string; reason: string }

/** Path of a paper's accepted results for a profile (default: full runs) and compute path. */
export function acceptedPath(paperDir: string, profile: AcceptedProfile = 'full', compute: ComputePath = 'native'): string {
  const file = profile === 'replay' ? ACCEPTED_REPLAY_FILE : ACCEPTED_FILE;
  return join(paperDir, compute === 'native' ? file : file.replace(/\.json$/, '.fallback.json'));
}

/**
 * The compute path runs ran on, from what their records name (`native`): records from before the
 * native path existed name none and count as the fallback. Runs on both paths cannot be accepted
 * or checked together.
 */
export function computePathOf(runs: readonly RunResults[]): { compute: ComputePath; native: NativeRecord | null } {
  const natives = new Map<string, NativeRecord | null>();
  for (const run of runs) {
    for (const r of (Array.isArray(run) ? run : (run as { records: readonly RecordLike[] }).records) as readonly RecordLike[]) {
      const n = r.native ?? null;
      natives.set(JSON.stringify(n), n);
    }
  }
  if (natives.size > 1) throw invalid('runs', 'runs on one compute path', [...natives.keys()].join(' and '), 'accept or check the native and the fallback path separately');
  const only = [...natives.values()][0] ?? null;
  return { compute: only ? 'native' : 'fallback', native: only };
}

/**
 * Accepted results from runs (one per seed, or runs looping over seeds): every numeric metric's
 * mean and per-seed values. A NaN/Infinity seed is accepted too (a censored "never reached" is a
 * result; a replay that starts reaching it has changed) and listed. The file writes them as the
 * strings "NaN", "Infinity", "-Infinity". Tolerances set by hand in `previous` are kept.
 */
export function acceptResults(runs: readonly RunResults[], labels: readonly string[], previous?: AcceptedResults, at: Date = new Date()): { accepted: AcceptedResults; nonFinite: NonFiniteMetric[] } {
  const metrics: AcceptedResults['metrics'] = {};
  const nonFinite: NonFiniteMetric[] = [];
  for (const metric of numericMetrics(runs)) {
    const series = metricSeries(runs, metric);
    const bad = series.values.map((v, i) => (Number.isFinite(v) ? '' : `seed ${series.seeds[i]} gave ${v}`)).filter((s) => s !== '');
    if (bad.length > 0) nonFinite.push({ metric, reason: bad.join(', ') });
    const old = previous && Object.hasOwn(previous.metrics, metric) ? previous.metrics[metric] : undefined;
    metrics[metric] = {
      value: mean(series.values),
      ...(old?.atol !== undefined ? { atol: old.atol } : {}),
      ...(old?.rtol !== undefined ? { rtol: old.rtol } : {}),
      seeds: series.seeds, values: series.values,
    };
  }
  const { compute, native } = computePathOf(runs);
  return { accepted: { format: ACCEPTED_FORMAT, acceptedAt: at.toISOString(), runs: [...labels], compute, native, metrics, ...replayKeysOf(runs) }, nonFinite };
}

/**
 * The replay keys of runs, by seed, from their manifests; nothing when a run recorded none (made
 * before keys existed, or by `paperlab execute`) or the seeds repeat: such a file always replays.
 */
export function replayKeysOf(runs: readonly RunResults[]): Pick<AcceptedResults, 'replayKeys' | 'replayParts'> {
  const keys: { [seed: string]: string } = {};
  let parts: { [part: string]: string } | undefined;
  for (const run of runs) {
    const manifest = (Array.isArray(run) ? undefined : (run as { manifest?: KeyedManifest }).manifest) as KeyedManifest | undefined;
    const seed = manifest?.seed;
    if (typeof manifest?.replayKey !== 'string' || (typeof seed !== 'number' && typeof seed !== 'string') || Object.hasOwn(keys, String(seed))) return {};
    keys[String(seed)] = manifest.replayKey;
    if (manifest.replayParts && typeof manifest.replayParts === 'object') parts = manifest.replayParts as { [part: string]: string };
  }
  return runs.length > 0 ? { replayKeys: keys, ...(parts ? { replayParts: parts } : {}) } : {};
}

/** Writes papers/<id>/accepted.json (the file of `accepted.compute`'s path) atomically and returns its path. */
export function writeAccepted(paperDir: string, accepted: AcceptedResults, profile: AcceptedProfile = 'full'): string {
  const path = acceptedPath(paperDir, profile, accepted.compute ?? 'fallback');
  // JSON has no NaN: write non-finite numbers as record()'s strings, read back by toNumber.
  const text = JSON.stringify(accepted, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2);
  writeFileAtomic.sync(path, text + '\n');
  return path;
}

/** Reads and checks papers/<id>/accepted.json; `undefined` when the paper has none yet. */
export function readAcceptedIfAny(paperDir: string, profile: AcceptedProfile = 'full', compute: ComputePath = 'native'): AcceptedResults | undefined {
  const path = acceptedPath(paperDir, profile, compute);
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw invalid(path, 'JSON', (err as Error).message);
  }
  return checkAccepted(path, parsed);
}

/** Reads papers/<id>/accepted.json; throws with the fix when there is none. */
export function readAccepted(paperDir: string, profile: AcceptedProfile = 'full', compute: ComputePath = 'native'): AcceptedResults {
  const accepted = readAcceptedIfAny(paperDir, profile, compute);
  if (accepted === undefined) {
    const env = compute === 'fallback' ? 'PAPERLAB_NATIVE=off ' : '';
    const how = profile === 'replay' ? `${env}paperlab run ${paperDir} --replay, then paperlab accept <its run folder> --paper ${paperDir}` : `paperlab accept <run-dir...> --paper ${paperDir}`;
    throw invalid(acceptedPath(paperDir, profile, compute), `accepted results for the ${compute} compute path`, 'no such file', `accept a run on that path first: ${how}`);
  }
  return accepted;
}

function checkAccepted(path: string, parsed: unknown): AcceptedResults {
  const keys = (parsed as { replayKeys?: unknown } | null)?.replayKeys;
  if (keys !== undefined && (typeof keys !== 'object' || keys === null || Object.values(keys).some((k) => typeof k !== 'string' || !/^[0-9a-f]{64}$/.test(k)))) {
    throw invalid(`${path} replayKeys`, 'an object of seed → replay key (64 hex digits)', JSON.stringify(keys));
  }
  const file = parsed as AcceptedResults;
  if (typeof file !== 'object' || file === null || file.format !== ACCEPTED_FORMAT) {
    throw invalid(`${path} format`, `"${ACCEPTED_FORMAT}"`, (file as { format?: unknown } | null)?.format ?? null);
  }
  if (typeof file.metrics !== 'object' || file.metrics === null) throw invalid(`${path} metrics`, 'an object of metric → { value, seeds }', typeof file.metrics);
  for (const [name, m] of Object.entries(file.metrics)) {
    const where = `${path} metrics.${name}`;
    const value = toNumber(m?.value);
    if (value === undefined) throw invalid(`${where}.value`, 'a number, or "NaN", "Infinity", "-Infinity"', m?.value ?? null);
    m.value = value;
    if (Array.isArray(m.values)) m.values = m.values.map((v) => toNumber(v) ?? Number.NaN);
    for (const key of ['atol', 'rtol'] as const) {
      const v = m[key];
      if (v !== undefined && (typeof v !== 'number' || !(v >= 0))) throw invalid(`${where}.${key}`, 'a number >= 0', v);
    }
    if (!Array.isArray(m.seeds)) throw invalid(`${where}.seeds`, 'a list of seeds', typeof m.seeds);
  }
  return file;
}

/**
 * Records the runs' replay keys in the accepted file of their profile and compute path, keeping
 * everything else, after checking that the runs give exactly the accepted numbers (same metrics,
 * seeds and values, no tolerance): the keys then name what produces those numbers.
 */
export function stampReplayKeys(paperDir: string, profile: AcceptedProfile, runs: readonly RunResults[], labels: readonly string[]): { path: string; keys: { [seed: string]: string } } {
  const compute = computePathOf(runs).compute;
  const accepted = readAccepted(paperDir, profile, compute);
  const where = acceptedPath(paperDir, profile, compute);
  const fresh = acceptResults(runs, labels).accepted;
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
  const names = [...new Set([...Object.keys(accepted.metrics), ...Object.keys(fresh.metrics)])].sort();
  const differ = names.filter((n) => {
    const [a, b] = [accepted.metrics[n], fresh.metrics[n]];
    return !a || !b || !same(a.seeds, b.seeds) || !same(a.values, b.values);
  });
  if (differ.length > 0) {
    throw invalid(`accept --stamp-key ${where}`, 'runs that give exactly the accepted numbers', `other values for ${differ.join(', ')}`, 'accept the runs without --stamp-key if the change is intended');
  }
  if (!fresh.replayKeys) throw invalid('accept --stamp-key', 'runs whose results.json records a replay key (made by paperlab run)', 'runs without one');
  return { path: writeAccepted(paperDir, { ...accepted, replayKeys: fresh.replayKeys, ...(fresh.replayParts ? { replayParts: fresh.replayParts } : {}) }, profile), keys: fresh.replayKeys };
}
