import { resolve } from 'node:path';
import { didYouMean, invalid } from '../../library/errors/index';
import type { JsonValue, PaperConfig } from '../../library/paper-files/index';
import { CONFIG_FILE } from '../../library/paper-files/index';
import { PROJECT_ROOT } from '../runner/index';

/** One point of an ablation: its name and the full parameters of its runs (seed not included). */
export interface AblationPoint {
  ablation: string;
  /** `hidden=8,steps=50` for a grid point (keys in the grid's order), the variant's name otherwise. */
  name: string;
  parameters: Record<string, JsonValue>;
}

/**
 * Parameters every paper notebook declares beside config.yaml's: the run's root `seed`, and
 * `paperDir` (the folder, default `papers/<id>`; injected when the folder lives elsewhere).
 */
export const BUILTIN_PARAMETERS: readonly string[] = ['seed', 'paperDir'];

/**
 * The parameters injected into the notebook for one run: config.yaml `parameters`, then
 * `overrides` (e.g. `-p` flags, an ablation point), then `seed`. An override that config.yaml does
 * not declare is an error naming the nearest declared name: the notebook would ignore it.
 */
export function runParameters(config: Pick<PaperConfig, 'parameters'>, seed: number, overrides: Record<string, JsonValue> = {}): Record<string, JsonValue> {
  const declared = Object.keys(config.parameters);
  for (const name of Object.keys(overrides)) {
    if (BUILTIN_PARAMETERS.includes(name) || declared.includes(name)) continue;
    const hint = didYouMean(name, declared);
    throw invalid(`parameter ${name}`, `one declared in config.yaml parameters (${declared.join(', ') || 'none'})`, name, hint ?? 'declare it in config.yaml first');
  }
  return { ...config.parameters, ...overrides, seed };
}

/**
 * Every point of every ablation, in config order: a grid's cross product (the last parameter
 * varies fastest), or the variants as listed. Parameters are the config's with the point's overrides.
 */
export function ablationPoints(config: Pick<PaperConfig, 'parameters' | 'ablations'>): AblationPoint[] {
  return config.ablations.flatMap((a) => {
    const overrides: Array<{ name: string; values: Record<string, JsonValue> }> = a.variants
      ? a.variants.map((v) => ({ name: v.name, values: v.parameters }))
      : crossProduct(a.grid ?? {}).map((values) => ({ name: Object.entries(values).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(','), values }));
    return overrides.map(({ name, values }) => ({ ablation: a.name, name, parameters: { ...config.parameters, ...values } }));
  });
}

/** Every combination of a grid's values, in its key order (the last key varies fastest). */
export function crossProduct(grid: Record<string, JsonValue[]>): Array<Record<string, JsonValue>> {
  return Object.entries(grid).reduce<Array<Record<string, JsonValue>>>(
    (points, [name, values]) => points.flatMap((p) => values.map((v) => ({ ...p, [name]: v }))),
    [{}],
  );
}

/** The CI replay profile with its defaults filled in. */
export interface ResolvedReplay {
  seeds: number[];
  parameters: Record<string, JsonValue>;
  atol: number;
  rtol: number;
}

/**
 * config.yaml's `replay` profile (seeds default to the first of `seeds`, tolerances to exact). A
 * paper without one cannot be replayed in CI: the error says what to add, naming the file.
 */
export function replayProfile(config: Pick<PaperConfig, 'replay' | 'seeds' | 'paper'>): ResolvedReplay {
  if (!config.replay) {
    throw invalid(`papers/${config.paper.id}/${CONFIG_FILE} field replay`, 'a `replay:` section (seeds, parameters that make a replay take seconds)', 'none', 'add one so CI can replay this paper');
  }
  return { seeds: config.replay.seeds ?? config.seeds.slice(0, 1), parameters: config.replay.parameters, atol: config.replay.atol ?? 0, rtol: config.replay.rtol ?? 0 };
}

/** A folder outside papers/<id> must be told where it is (the notebook reads its config from paperDir). */
export function paperDirParam(paperDir: string, config: Pick<PaperConfig, 'paper'>): Record<string, JsonValue> {
  const conventional = resolve(PROJECT_ROOT, 'papers', config.paper.id);
  return resolve(paperDir) === conventional ? {} : { paperDir: resolve(paperDir) };
}

/** A run's main seeds and what every replay of it is given; `replays` holds one per seed, in seed order. */
export interface MainPlan {
  seeds: number[];
  /** Profile values, then overrides, then where the paper is (over config.yaml's parameters). */
  overrides: Record<string, JsonValue>;
  replays: Array<{ seed: number; parameters: Record<string, JsonValue> }>;
}

/** The main replays of a run: the seeds asked for, else the replay profile's, else config.yaml's. */
export function mainPlan(
  paperDir: string, config: PaperConfig,
  options: { profile?: ResolvedReplay; seeds?: number[]; overrides?: Record<string, JsonValue> },
): MainPlan {
  const seeds = options.seeds ?? options.profile?.seeds ?? config.seeds;
  const overrides = { ...options.profile?.parameters, ...options.overrides, ...paperDirParam(paperDir, config) };
  return { seeds, overrides, replays: seeds.map((seed) => ({ seed, parameters: runParameters(config, seed, overrides) })) };
}
