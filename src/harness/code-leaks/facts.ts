import type ts from 'typescript';
import type { FitKind, Part } from './types';

/**
 * What the static check knows about a value: which notebook variables holding data it derives
 * from, which parts of a split it holds, and which test-set evaluations its value came out of.
 * Facts only grow along data flow (a union at every operation): the check over-approximates.
 */
/** What data derives from: a variable of the code, or the output of one fit (which may be bound to nothing). */
export type Root = ts.Symbol | { readonly fitOutput: number };

export interface Facts {
  /** Data-bearing variables (and fit outputs) the value derives from (itself included, once bound). */
  roots: Set<Root>;
  /** Parts of a split the value holds or was computed from. */
  parts: Set<Part>;
  /** Variables holding the split whose test part the value holds (where that split was declared matters for loops). */
  testSources: Set<ts.Symbol>;
  /** Test-set evaluations (ids into the walk's list) whose result flows into the value. */
  evals: Set<number>;
  /** A split, or a list of splits. */
  split: boolean;
  /** Variables a split value was read from (the nearest one): where a test part comes from. */
  holders: Set<ts.Symbol>;
  /** An object with `.split(input)` (a src/library/splits splitter). */
  splitter: boolean;
  /** A transform object, by what its fit learns. */
  transform?: FitKind;
  /** A local function that splits its arguments (e.g. `const folds = (t) => kfold(…).split(…)`). */
  splitsArguments: boolean;
  /** Only literals went into it (a parameter such as `nSplits = 5`): not data, never a root. */
  literal: boolean;
}

export function noFacts(literal = false): Facts {
  return { roots: new Set(), parts: new Set(), testSources: new Set(), evals: new Set(), split: false, holders: new Set(), splitter: false, splitsArguments: false, literal };
}

/** The union of several values' facts, as an operation on all of them yields. Object roles (split, splitter, transform) are dropped. */
export function union(...all: readonly Facts[]): Facts {
  const out = noFacts(all.length > 0 && all.every((f) => f.literal));
  for (const f of all) {
    f.roots.forEach((r) => out.roots.add(r));
    f.parts.forEach((p) => out.parts.add(p));
    f.testSources.forEach((s) => out.testSources.add(s));
    f.evals.forEach((e) => out.evals.add(e));
  }
  return out;
}

/** The same facts with the object roles kept (for a value passed through unchanged). */
export function same(f: Facts): Facts {
  return { ...union(f), split: f.split, holders: new Set(f.holders), splitter: f.splitter, transform: f.transform, splitsArguments: f.splitsArguments, literal: f.literal };
}

/** Adds `more` into `into` in place (a reassignment or `arr.push(x)` widens what a variable may hold). */
export function widen(into: Facts, more: Facts): void {
  more.roots.forEach((r) => into.roots.add(r));
  more.parts.forEach((p) => into.parts.add(p));
  more.testSources.forEach((s) => into.testSources.add(s));
  more.evals.forEach((e) => into.evals.add(e));
  into.split ||= more.split;
  more.holders.forEach((h) => into.holders.add(h));
  into.splitter ||= more.splitter;
  into.splitsArguments ||= more.splitsArguments;
  into.transform ??= more.transform;
  into.literal &&= more.literal;
}

/** Marks `f` as holding `part`; a test part remembers the variables holding its split. */
export function withPart(f: Facts, part: Part, holders: Set<ts.Symbol>): void {
  f.parts.add(part);
  if (part === 'test') holders.forEach((h) => f.testSources.add(h));
}
