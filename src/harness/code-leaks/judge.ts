import type ts from 'typescript';
import type { EvalEvent, FitEvent, Flow, SplitEvent } from './flow';
import type { CodeCheck, FitKind } from './types';
import type { RuleId } from '../../library/leakage/index';

/** A suspected leak at a node, before it is placed in a cell and line. */
export interface Suspect {
  rule: RuleId;
  check: CodeCheck;
  node: ts.Node;
  /** The sentence without the place; `{at:N}` marks where another node's place is spelled (see `others`). */
  text: string;
  /** Nodes whose place the text names, in order. */
  others: ts.Node[];
  remedy: string;
}

const FIT_RULES: Record<FitKind, { rule: RuleId; check: CodeCheck; verb: string; remedy: string }> = {
  preprocessing: { rule: 'L1.2', check: 'code-preprocessing-fit', verb: 'is fitted on', remedy: 'fit it on the training rows of each split (e.g. `.fit(t, split.train)`) and transform both parts with that fit' },
  fit: { rule: 'L1.2', check: 'code-preprocessing-fit', verb: 'is fitted on', remedy: 'fit on the training rows of each split only (e.g. `.fit(t, split.train)`)' },
  resampling: { rule: 'L1.2', check: 'code-resampling-fit', verb: 'resamples', remedy: 'split first, then oversample only the training rows of each split (e.g. `.fitResample(t, split.train)`)' },
  selection: { rule: 'L1.3', check: 'code-selection-fit', verb: 'selects features on', remedy: 'select features inside each split, on its training rows only (e.g. `.fit(t, split.train)`)' },
};

const TEST_REUSE_REMEDY = 'choose among candidates on a validation part or by cross-validation within the training rows, then evaluate the chosen one on the test set once';

/** Every suspected leak of a traced file: fits on data that is (or gets) split, and test sets that pick a model. */
export function judgeFlow(flow: Flow): Suspect[] {
  return [...flow.fits.flatMap((f) => judgeFit(f, flow.splits)), ...judgeTestReuse(flow)];
}

function judgeFit(fit: FitEvent, splits: readonly SplitEvent[]): Suspect[] {
  const r = FIT_RULES[fit.kind];
  const data = short(fit.dataText);
  const base = { rule: r.rule, check: r.check, node: fit.node };
  if (fit.data.parts.has('train') || fit.data.parts.has('validation')) return [];
  if (fit.data.parts.has('test')) {
    return [{ ...base, text: `${fit.what} ${r.verb} test rows (${data})`, others: [], remedy: 'fit on the training rows; the test rows must inform no fit' }];
  }
  const related = splits.filter((s) => (s.within ? contains(s.within, fit.node) : [...s.roots].some((x) => fit.data.roots.has(x))));
  if (related.length === 0) return [];
  const later = related.find((s) => !s.within && s.node.pos > fit.node.end);
  if (later) return [{ ...base, text: `${fit.what} ${r.verb} ${data} before it is split ({at:0})`, others: [later.node], remedy: r.remedy }];
  const given = related.find((s) => s.within);
  if (given) return [{ ...base, text: `${fit.what} ${r.verb} all rows of ${data}, in a function given splits (${short(given.node.getText())})`, others: [], remedy: r.remedy }];
  return [{ ...base, text: `${fit.what} ${r.verb} all rows of ${data}, which is split ({at:0})`, others: [related[0]!.node], remedy: r.remedy }];
}

/**
 * The test set used to choose (Yang et al. 2022's multi-test leakage): a choice that test
 * evaluations repeated in a loop over candidates flow into (one finding per loop, at its first
 * evaluation), or a choice between two or more separate test evaluations.
 */
function judgeTestReuse(flow: Flow): Suspect[] {
  const out: Suspect[] = [];
  const loopsSeen = new Set<ts.Node>();
  const choicesSeen = new Set<string>();
  for (const sel of flow.selections) {
    const evals = [...sel.evals].map((id) => flow.evals[id]!);
    const inLoop = evals.filter((e) => e.loop);
    if (inLoop.length > 0) {
      const loop = inLoop[0]!.loop!;
      if (loopsSeen.has(loop)) continue;
      loopsSeen.add(loop);
      const first = inLoop.filter((e) => e.loop === loop).sort((a, b) => a.node.pos - b.node.pos)[0]!;
      out.push({ rule: 'L1.1', check: 'code-test-reuse', node: first.node, text: `the test set is evaluated once per candidate of a loop and the scores pick one ({at:0}): the test set takes part in model selection`, others: [sel.node], remedy: TEST_REUSE_REMEDY });
      continue;
    }
    // Separate evaluations: those no other evaluation of the choice was computed from, on one test
    // set. A comparison chooses between test scores only when both sides are one (`accA > accB`,
    // not `score > 0.5`), and between models only on the same test set (not this split's vs that one's).
    const last = evals.filter((e) => !evals.some((o) => o !== e && o.inputs.has(e.id)));
    const key = last.map((e) => e.id).sort((a, b) => a - b).join(',');
    if (!twoOnOneTestSet(last) || choicesSeen.has(key)) continue;
    if (sel.sides) {
      const [left, right] = sel.sides.map((ids) => [...finalOf(flow, ids)].map((id) => flow.evals[id]!));
      if (left!.length === 0 || right!.length === 0 || !left!.some((a) => right!.some((b) => a !== b && shareSource(a, b)))) continue;
    }
    choicesSeen.add(key); // one finding per set of scores chosen among, at the first choice
    out.push({ rule: 'L1.1', check: 'code-test-reuse', node: sel.node, text: `a choice between ${last.length} scores computed on the test set: the test set takes part in model selection`, others: [], remedy: TEST_REUSE_REMEDY });
  }
  return out;
}

/** The evaluations of a set no other of the set was computed from. */
function finalOf(flow: Flow, ids: Set<number>): Set<number> {
  return new Set([...ids].filter((id) => ![...ids].some((o) => o !== id && flow.evals[o]!.inputs.has(id))));
}

function shareSource(a: EvalEvent, b: EvalEvent): boolean {
  return [...a.sources].some((s) => b.sources.has(s));
}

function twoOnOneTestSet(evals: readonly EvalEvent[]): boolean {
  return evals.some((a, i) => evals.some((b, j) => j > i && shareSource(a, b)));
}

function contains(outer: ts.Node, inner: ts.Node): boolean {
  return inner.pos >= outer.pos && inner.end <= outer.end;
}

/** Source text for a message: one line, at most 40 characters, in backticks. */
function short(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return `\`${one.length > 40 ? `${one.slice(0, 39)}…` : one}\``;
}
