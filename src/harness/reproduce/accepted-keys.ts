import { join } from 'node:path';
import { loadPaperConfig, NOTEBOOK_FILE, type JsonValue } from '../../library/paper-files/index';
import { readAcceptedIfAny, type AcceptedProfile, type ComputePath } from '../verdict/index';
import { mainPlan, replayProfile } from './run-plan';
import { notebookKeyBase, partDigests, replayKey, NOTEBOOK_PARTS, type ReplayKey } from './replay-key';

// Whether a paper's main replays would reproduce its accepted results without running: their keys
// are the keys the accepted runs recorded. `paperlab check` and CI (tests/papers/replay.test.ts)
// skip such replays and say why.

export interface PlanOptions {
  /** The CI replay profile (config.yaml `replay`), as `paperlab run --replay`. */
  replay?: boolean;
  seeds?: number[];
  overrides?: Record<string, JsonValue>;
}

export interface SinceAccepted {
  unchanged: boolean;
  /** One sentence: `unchanged since accepted (key 1a2b3c4d)`, or what changed. */
  reason: string;
  keys: ReplayKey[];
}

/** The keys of the main replays `runPaper(paperDir, options)` would make, in seed order (run-plan.ts `mainPlan`, as runPaper plans them). */
export function plannedReplayKeys(paperDir: string, options: PlanOptions = {}): ReplayKey[] {
  const config = loadPaperConfig(paperDir);
  const profile = options.replay ? replayProfile(config) : undefined;
  const base = notebookKeyBase(join(paperDir, NOTEBOOK_FILE), paperDir);
  return mainPlan(paperDir, config, { profile, seeds: options.seeds, overrides: options.overrides }).replays.map((r) => replayKey(base, r));
}

/** Compares the planned keys with those in the accepted file of `profile` on `compute`'s path. */
export function sinceAccepted(paperDir: string, compute: ComputePath, options: PlanOptions = {}): SinceAccepted {
  const profile: AcceptedProfile = options.replay ? 'replay' : 'full';
  const keys = plannedReplayKeys(paperDir, options);
  const accepted = readAcceptedIfAny(paperDir, profile, compute);
  const short = (k: string) => k.slice(0, 8);
  if (!accepted) return { unchanged: false, reason: 'no accepted results on this compute path', keys };
  const recorded = accepted.replayKeys;
  if (!recorded) return { unchanged: false, reason: 'the accepted file records no replay keys (accepted before keys existed; `paperlab accept <run> --paper <dir> --stamp-key` adds them)', keys };
  const seeds = keys.map((k) => String(k.parts.seed));
  // The accepted values are means over its seeds: only the same seeds can reproduce them.
  const acceptedSeeds = Object.keys(recorded).sort();
  if ([...seeds].sort().join(',') !== acceptedSeeds.join(',')) return { unchanged: false, reason: `seeds ${seeds.join(', ')} are not the accepted seeds (${acceptedSeeds.join(', ')})`, keys };
  const differ = keys.filter((k) => recorded[String(k.parts.seed)] !== k.key);
  if (differ.length === 0) return { unchanged: true, reason: `unchanged since accepted (key${keys.length === 1 ? '' : 's'} ${keys.map((k) => short(k.key)).join(', ')})`, keys };
  const now = partDigests(keys[0]!.parts);
  const parts = accepted.replayParts ? NOTEBOOK_PARTS.filter((p) => accepted.replayParts![p] !== now[p]) : [];
  const which = parts.length > 0 ? parts.join(', ') : 'parameters or seed';
  return { unchanged: false, reason: `key changed since accepted (${which}): ${differ.map((k) => `seed ${k.parts.seed} ${short(recorded[String(k.parts.seed)]!)} → ${short(k.key)}`).join(', ')}`, keys };
}
