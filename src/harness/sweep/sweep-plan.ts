import { invalid } from '../../library/errors/index';
import type { JsonValue, PaperConfig } from '../../library/paper-files/index';
import { ablationPoints, crossProduct, mainPlan, paperDirParam, replayLabel, runParameters } from '../reproduce/index';

// What a sweep runs: seeds × a grid, expanded into tasks, each one notebook replay with its own
// parameters. A task is the same thing on every backend (local pool, Slurm array task), so the
// same sweep gives the same results wherever it runs.

/** One replay of a sweep: its position in the plan, its folder's name, and what it is given. */
export interface SweepTask {
  /** Position in the plan; on Slurm, the array task id. */
  index: number;
  /** The replay's folder inside the sweep folder (`seed-3`, `ablation-…-seed-3`), as a run names it. */
  label: string;
  seed: number;
  /** Set for a grid or ablation point; unset for the main runs that judge the claims. */
  ablation?: { ablation: string; name: string };
  /** Everything injected into the notebook (config.yaml's parameters, overrides, the point, seed). */
  parameters: Record<string, JsonValue>;
}

/** The ablation name a command-line grid (`-p lr=1e-3,1e-2`) is filed under, beside config.yaml's. */
export const CLI_GRID = 'sweep';

export interface SweepAxes {
  /** Seeds of every point; default config.yaml's `seeds`. */
  seeds?: number[];
  /** Single-valued `-p` flags: given to every task. */
  fixed?: Record<string, JsonValue>;
  /** Multi-valued `-p` flags (`-p lr=1e-3,1e-2`): the grid, in flag order (the last varies fastest). */
  grid?: Record<string, JsonValue[]>;
}

/**
 * The tasks of a sweep: the main runs (config.yaml's parameters with the fixed overrides, one per
 * seed; they judge the claims as in `paperlab run`), then every grid point × seed. The grid is the
 * command line's when given, else config.yaml's ablations and baselines (as `run --ablations`).
 */
export function planSweep(paperDir: string, config: PaperConfig, axes: SweepAxes): SweepTask[] {
  const fixed = axes.fixed ?? {};
  const { seeds, replays } = mainPlan(paperDir, config, { seeds: axes.seeds, overrides: fixed });
  const grid = axes.grid ?? {};
  for (const name of Object.keys(grid)) runParameters(config, 0, { [name]: null }); // an undeclared name is an error naming the nearest
  const points = Object.keys(grid).length > 0
    ? crossProduct(grid).map((values) => ({
      ablation: CLI_GRID,
      name: Object.entries(values).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(','),
      parameters: { ...config.parameters, ...fixed, ...values },
    }))
    : ablationPoints(config).map((p) => ({ ...p, parameters: { ...p.parameters, ...fixed } }));
  const items = [
    ...replays.map((r) => ({ seed: r.seed, parameters: r.parameters })),
    ...points.flatMap((point) => seeds.map((seed) => ({
      seed,
      ablation: { ablation: point.ablation, name: point.name },
      parameters: { ...point.parameters, ...paperDirParam(paperDir, config), seed },
    }))),
  ];
  const tasks = items.map((item, index) => ({ index, label: replayLabel(item), ...item }));
  const seen = new Map<string, number>();
  for (const t of tasks) {
    const earlier = seen.get(t.label);
    if (earlier !== undefined) throw invalid('sweep', 'grid points with distinct names', `tasks ${earlier} and ${t.index} both named ${t.label}`, 'give each value once');
    seen.set(t.label, t.index);
  }
  return tasks;
}


/** `--seeds 0-9`, `--seeds 0,3,5-7`: whole numbers >= 0 and inclusive ranges, each seed once. */
export function parseSeedList(text: string): number[] {
  const seeds: number[] = [];
  for (const part of text.split(',').map((s) => s.trim())) {
    const range = /^(\d+)-(\d+)$/.exec(part);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (to < from) throw invalid('--seeds', 'ranges from low to high (0-9)', part);
      for (let s = from; s <= to; s++) seeds.push(s);
    } else if (/^\d+$/.test(part)) {
      seeds.push(Number(part));
    } else {
      throw invalid('--seeds', 'whole numbers >= 0 and ranges, comma-separated (0-9 or 0,3,5-7)', text);
    }
  }
  const twice = seeds.find((s, k) => seeds.indexOf(s) !== k);
  if (twice !== undefined) throw invalid('--seeds', 'each seed once', `${twice} twice in "${text}"`);
  return seeds;
}

/**
 * Splits `-p name=v1,v2` flags as Hydra's multirun does: a value with top-level commas is a grid
 * axis (each piece JSON when it parses, else a string); commas inside brackets, braces or quotes
 * belong to the value (`-p sizes=[8,16]` is one list). Others are fixed overrides.
 */
export function parseSweepParameters(pairs: readonly string[]): { fixed: Record<string, JsonValue>; grid: Record<string, JsonValue[]> } {
  const fixed: Record<string, JsonValue> = {};
  const grid: Record<string, JsonValue[]> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const name = eq > 0 ? pair.slice(0, eq) : '';
    if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) throw invalid(`-p ${pair}`, 'name=value or name=v1,v2 with name a TypeScript identifier', pair);
    if (name in fixed || name in grid) throw invalid(`-p ${pair}`, `${name} given once`, 'twice');
    const pieces = topLevelPieces(pair.slice(eq + 1)).map(jsonOrText);
    if (pieces.length > 1) grid[name] = pieces;
    else fixed[name] = pieces[0]!;
  }
  return { fixed, grid };
}

function jsonOrText(raw: string): JsonValue {
  try {
    return JSON.parse(raw) as JsonValue;
  } catch {
    return raw;
  }
}

function topLevelPieces(text: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!;
    if (quote) {
      if (c === '\\') k++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      pieces.push(text.slice(start, k));
      start = k + 1;
    }
  }
  pieces.push(text.slice(start));
  return pieces;
}
