import { createHash } from 'node:crypto';
import type { Label, PartManifest, SeedRecord, Split, SplitManifest } from './types';
import { compareLabels, type Prepared } from './validate';

/**
 * `sha256:<hex>` of a set of row ids, independent of their order: the ids are sorted (numbers
 * numerically, strings by UTF-16 code units) and hashed as UTF-8 text, each id written as
 * `String(id)` followed by `\n`. Duplicates count. Two parts with equal digests hold the same ids.
 */
export function digestIds(ids: ArrayLike<Label>): string {
  const sorted = Array.from(ids).sort(compareLabels);
  const hash = createHash('sha256');
  // Chunked so a million ids cost a few hundred update calls, not a million.
  for (let i = 0; i < sorted.length; i += 4096) {
    hash.update(sorted.slice(i, i + 4096).join('\n') + '\n');
  }
  return `sha256:${hash.digest('hex')}`;
}

/**
 * `sha256:<hex>` over every split's `manifest.digest`, in fold order: one string that proves a whole
 * cross-validation scheme (all folds, all parts) is the same in two runs.
 */
export function digestSplits(splits: ReadonlyArray<{ manifest: { fold: number; digest: string } }>): string {
  const lines = splits.map((s) => `${s.manifest.fold} ${s.manifest.digest}\n`);
  return `sha256:${createHash('sha256').update(lines.join('')).digest('hex')}`;
}

/** Everything about a splitter that every one of its manifests repeats. */
export interface SplitterMeta {
  splitter: string;
  description: string;
  params: Record<string, number | string | boolean | null>;
  seed: SeedRecord | null;
  nSplits: number;
}

/** Row positions of each part of one split, any order (they are sorted here). */
export interface RawFold {
  train: ArrayLike<number>;
  validation?: ArrayLike<number>;
  test: ArrayLike<number>;
}

function sortedRows(rows: ArrayLike<number>): Int32Array {
  return Int32Array.from(rows).sort();
}

function partManifest(rows: Int32Array, data: Prepared): PartManifest {
  const ids: ArrayLike<Label> = data.ids ? Array.from(rows, (r) => data.ids![r]!) : rows;
  const part: PartManifest = { size: rows.length, digest: digestIds(ids) };
  if (data.y) {
    const counts: Record<string, number> = {};
    for (const r of rows) {
      const key = String(data.y[r]);
      counts[key] = (counts[key] ?? 0) + 1;
    }
    part.classCounts = counts;
  }
  if (data.groups) part.nGroups = new Set(Array.from(rows, (r) => data.groups![r]!)).size;
  return part;
}

/** Builds the `Split`s (sorted index arrays plus manifest) from a splitter's raw folds. */
export function makeSplits(meta: SplitterMeta, data: Prepared, folds: RawFold[], warnings: string[]): Split[] {
  const nClasses = data.y ? new Set(data.y).size : undefined;
  const nGroups = data.groups ? new Set(data.groups).size : undefined;
  return folds.map((raw, fold) => {
    const train = sortedRows(raw.train);
    const test = sortedRows(raw.test);
    const validation = raw.validation ? sortedRows(raw.validation) : undefined;
    const parts: SplitManifest['parts'] = { train: partManifest(train, data), test: partManifest(test, data) };
    if (validation) parts.validation = partManifest(validation, data);
    const lines = [`train ${parts.train.digest}`];
    if (parts.validation) lines.push(`validation ${parts.validation.digest}`);
    lines.push(`test ${parts.test.digest}`);
    const manifest: SplitManifest = {
      splitter: meta.splitter,
      description: meta.description,
      params: { ...meta.params },
      seed: meta.seed ? { ...meta.seed } : null,
      fold,
      nSplits: meta.nSplits,
      nSamples: data.n,
      ...(nClasses !== undefined ? { nClasses } : {}),
      ...(nGroups !== undefined ? { nGroups } : {}),
      parts,
      digest: `sha256:${createHash('sha256').update(lines.join('\n') + '\n').digest('hex')}`,
      warnings: [...warnings],
    };
    const split: Split = { fold, train, test, manifest };
    if (validation) split.validation = validation;
    return split;
  });
}

/** Raw folds from a fold assignment (`foldOf[row]` in 0..k-1): test = the fold, train = the rest. */
export function foldsFromAssignment(foldOf: ArrayLike<number>, k: number): RawFold[] {
  const tests: number[][] = Array.from({ length: k }, () => []);
  for (let r = 0; r < foldOf.length; r++) tests[foldOf[r]!]!.push(r);
  return tests.map((test, f) => {
    const train: number[] = [];
    for (let r = 0; r < foldOf.length; r++) if (foldOf[r] !== f) train.push(r);
    return { train, test };
  });
}
