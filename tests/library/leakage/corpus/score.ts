// Scores a leakage checker on the planted corpus: per rule recall and precision, and false
// positives on clean controls. Only error and warning findings count: a `question` (L3.3 sampling
// bias) is asked of every data set and says nothing about this one.
import type { Finding, RuleId } from '../../../../src/library/leakage/index';
import type { Case } from './case';
import { rowCount } from './sources';

/** What the scorer reads of a case: a case in memory, or an entry of cases.json (whose tables are files, with `testRows`). */
export type ScoredCase = Pick<Case, 'name' | 'description' | 'planted' | 'tolerated' | 'check' | 'leakyTestRows'> & ({ test: Case['test'] } | { testRows: number });

function testRowsOf(c: ScoredCase): number {
  return 'testRows' in c ? c.testRows : rowCount(c.test);
}

/** The Goals of issue 15: per rule, on corpora the project has never seen. */
export const GOALS = { recall: 0.95, precision: 0.9 } as const;

/** What the checker said about one case. */
export interface CaseResult {
  name: string;
  description: string;
  planted: RuleId[];
  tolerated: RuleId[];
  /** Rules with at least one error or warning finding. */
  flagged: RuleId[];
  findings: Finding[];
  /** The checker's error message, when it threw (the case then flags nothing). */
  crash?: string;
  ms: number;
  /** Expected check name and planted leaky rows, copied from the case. */
  check?: string;
  leakyTestRows?: number;
  testRows: number;
  /** `contractProblems` of its error and warning findings, each prefixed with the finding's check. */
  problems: string[];
  /** `missingFields` of its error and warning findings, as `check: field, field`. */
  missing: string[];
}

/** One rule's figures. Cases are counted, not findings, so splitting one leak into many findings scores no better. */
export interface RuleScore {
  rule: RuleId;
  /** Cases where the rule was planted, and how many of them it was flagged on. */
  planted: number;
  found: number;
  recall: number;
  /** Cases it was flagged on (tolerated cases left out), and how many of them had it planted. */
  flagged: number;
  right: number;
  /** right / flagged; 1 when never flagged (nothing wrong was said). */
  precision: number;
  /** Found cases that name an expected check, and how many of them a finding names it in (informational). */
  namedCheck: number;
  withCheck: number;
  /** Found cases whose finding counts the planted leaky test rows (by its row count or fraction), of those that can be compared (informational). */
  countRight: number;
  countable: number;
  missed: CaseResult[];
  wrong: CaseResult[];
}

/** The whole score. */
export interface CorpusScore {
  rules: RuleScore[];
  cleanCases: number;
  /** Error or warning findings on clean controls. */
  falsePositives: { name: string; finding: Finding }[];
  results: CaseResult[];
  crashes: CaseResult[];
  /** Cases with contract problems, and with findings that lack fields issue 15 asks for. */
  contractBroken: CaseResult[];
  fieldsMissing: CaseResult[];
  totalMs: number;
}

const counts = (f: Finding): boolean => f.severity === 'error' || f.severity === 'warning';

/** The fields issue 15 adds to `Finding` (shared contract), read whether or not this checkout's type has them yet. */
export type ContractFinding = Finding & { fraction?: number; columns?: string[]; remedy?: string; lines?: number[] };

/**
 * Values that break the shared contract: examples that are not 0-based test-row indices, a row count
 * above the test size, a fraction that is not count / test rows, lines that are not the examples'
 * lines of a written CSV (row i on line i + 2, header on line 1), a message that does not end with its remedy.
 */
export function contractProblems(f: ContractFinding, testRows: number): string[] {
  const out: string[] = [];
  const bad = f.examples.filter((e) => !Number.isInteger(e) || e < 0 || e >= testRows);
  if (bad.length > 0) out.push(`examples ${bad.slice(0, 3).join(', ')} are not test-row indices (0..${testRows - 1})`);
  if (f.unit === 'rows' && f.count > testRows) out.push(`count ${f.count} is above the ${testRows} test rows`);
  if (f.fraction !== undefined) {
    if (!(f.fraction >= 0 && f.fraction <= 1)) out.push(`fraction ${f.fraction} is not in [0, 1]`);
    else if (f.unit === 'rows' && Math.abs(f.fraction - f.count / testRows) > 5e-4) out.push(`fraction ${f.fraction} is not count / test rows = ${(f.count / testRows).toFixed(4)}`);
  }
  if (f.lines !== undefined && (f.lines.length !== f.examples.length || f.lines.some((l, k) => l !== f.examples[k]! + 2))) {
    out.push(`lines ${f.lines.slice(0, 3).join(', ')} are not the examples' lines (${f.examples.slice(0, 3).map((e) => e + 2).join(', ')})`);
  }
  if (f.remedy !== undefined && !f.message.replace(/\.?\s*$/, '').endsWith(f.remedy.replace(/\.?\s*$/, ''))) out.push('the message does not end with its remedy');
  return out;
}

/**
 * Fields issue 15 asks of each finding (Deliver 2) that this one lacks: a remedy always; the
 * fraction of the test set when it counts test rows (or groups of them); the columns involved for
 * duplicates, features, time and groups.
 */
export function missingFields(f: ContractFinding): string[] {
  const out: string[] = [];
  if (!f.remedy) out.push('remedy');
  if ((f.unit === 'rows' || f.check === 'shared-groups') && f.fraction === undefined) out.push('fraction');
  if (['L1.4', 'L2', 'L3.1', 'L3.2'].includes(f.rule) && !(f.columns && f.columns.length > 0)) out.push('columns');
  return out;
}

/** Runs `checker` on every case (a throw is recorded, not raised) and scores it. */
export function scoreCorpus<C extends ScoredCase>(cases: readonly C[], checker: (c: C) => Finding[]): CorpusScore {
  const results = cases.map((c) => runCase(c, checker));
  const rules = new Set<RuleId>();
  for (const r of results) for (const x of [...r.planted, ...r.flagged]) rules.add(x);
  const clean = results.filter((r) => r.planted.length === 0);
  return {
    rules: [...rules].sort().map((rule) => scoreRule(rule, results)),
    cleanCases: clean.length,
    falsePositives: clean.flatMap((r) => r.findings.filter(counts).map((finding) => ({ name: r.name, finding }))),
    results,
    crashes: results.filter((r) => r.crash !== undefined),
    contractBroken: results.filter((r) => r.problems.length > 0),
    fieldsMissing: results.filter((r) => r.missing.length > 0),
    totalMs: results.reduce((s, r) => s + r.ms, 0),
  };
}

function runCase<C extends ScoredCase>(c: C, checker: (c: C) => Finding[]): CaseResult {
  const start = performance.now();
  let findings: Finding[] = [];
  let crash: string | undefined;
  try {
    findings = checker(c);
  } catch (e) {
    crash = e instanceof Error ? e.message : String(e);
  }
  const ms = performance.now() - start;
  const scored = findings.filter(counts);
  const flagged = [...new Set(scored.map((f) => f.rule))];
  const testRows = testRowsOf(c);
  return {
    name: c.name, description: c.description, planted: c.planted, tolerated: c.tolerated ?? [], flagged, findings, crash, ms,
    check: c.check, leakyTestRows: c.leakyTestRows, testRows,
    problems: scored.flatMap((f) => contractProblems(f, testRows).map((p) => `${f.check}: ${p}`)),
    missing: scored.flatMap((f) => { const m = missingFields(f); return m.length ? [`${f.check}: ${m.join(', ')}`] : []; }),
  };
}

function scoreRule(rule: RuleId, results: CaseResult[]): RuleScore {
  const planted = results.filter((r) => r.planted.includes(rule));
  const found = planted.filter((r) => r.flagged.includes(rule));
  const flagged = results.filter((r) => r.flagged.includes(rule) && !r.tolerated.includes(rule));
  const right = flagged.filter((r) => r.planted.includes(rule));
  const ofRule = (r: CaseResult) => r.findings.filter((f) => f.rule === rule && counts(f));
  // a planted count is compared with a row count, or with the fraction of test rows (shared-groups counts groups)
  const leakyRows = (r: CaseResult, f: Finding): number | undefined => {
    const fraction = (f as ContractFinding).fraction;
    return f.unit === 'rows' ? f.count : fraction !== undefined ? Math.round(fraction * r.testRows) : undefined;
  };
  const rowCounted = found.filter((r) => r.leakyTestRows !== undefined && ofRule(r).some((f) => leakyRows(r, f) !== undefined));
  return {
    rule,
    planted: planted.length,
    found: found.length,
    recall: planted.length === 0 ? 1 : found.length / planted.length,
    flagged: flagged.length,
    right: right.length,
    precision: flagged.length === 0 ? 1 : right.length / flagged.length,
    namedCheck: found.filter((r) => ofRule(r).some((f) => f.check === r.check)).length,
    withCheck: found.filter((r) => r.check !== undefined).length,
    countRight: rowCounted.filter((r) => ofRule(r).some((f) => leakyRows(r, f) === r.leakyTestRows)).length,
    countable: rowCounted.length,
    missed: planted.filter((r) => !r.flagged.includes(rule)),
    wrong: flagged.filter((r) => !r.planted.includes(rule)),
  };
}

/** True when a rule meets both Goals. */
export function meetsGoals(s: RuleScore): boolean {
  return s.recall >= GOALS.recall && s.precision >= GOALS.precision;
}

const pct = (x: number) => x.toFixed(2);

/** A plain-text report: the per-rule table, then misses, wrong flags and clean-control false positives (a few each). */
export function formatScore(s: CorpusScore, maxListed = 4): string {
  const head = '| rule | planted | found | recall | flagged | right | precision | named check | count right | goals |';
  const rows = s.rules.map((r) => `| ${r.rule} | ${r.planted} | ${r.found} | ${pct(r.recall)} | ${r.flagged} | ${r.right} | ${r.flagged === 0 ? '—' : pct(r.precision)} | ${r.namedCheck}/${r.withCheck} | ${r.countRight}/${r.countable} | ${meetsGoals(r) ? 'met' : 'NOT met'} |`);
  const lines = [head, '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |', ...rows, ''];
  lines.push(`clean controls: ${s.cleanCases} cases, ${s.falsePositives.length} false-positive findings`);
  for (const fp of s.falsePositives.slice(0, maxListed)) lines.push(`  ${fp.name}: ${fp.finding.message}`);
  for (const r of s.rules) {
    if (r.missed.length > 0) {
      lines.push(`${r.rule} missed on ${r.missed.length}:`);
      for (const m of r.missed.slice(0, maxListed)) lines.push(`  ${m.name}: ${m.description}${m.flagged.length ? `; flagged instead: ${m.flagged.join(', ')}` : ''}`);
    }
    if (r.wrong.length > 0) {
      lines.push(`${r.rule} flagged wrongly on ${r.wrong.length}:`);
      for (const w of r.wrong.slice(0, maxListed)) lines.push(`  ${w.name} (planted: ${w.planted.join(', ') || 'clean'}): ${w.findings.find((f) => f.rule === r.rule && counts(f))!.message}`);
    }
  }
  for (const c of s.crashes.slice(0, maxListed)) lines.push(`checker threw on ${c.name}: ${c.crash}`);
  lines.push(`findings breaking the shared contract: on ${s.contractBroken.length} cases${s.contractBroken.length ? ` (e.g. ${s.contractBroken[0]!.name}: ${s.contractBroken[0]!.problems[0]})` : ''}`);
  const missing = new Set(s.fieldsMissing.flatMap((r) => r.missing));
  lines.push(`findings without the fields issue 15 asks for: on ${s.fieldsMissing.length} cases${missing.size ? ` (${[...missing].slice(0, maxListed).join('; ')})` : ''}`);
  const slowest = [...s.results].sort((a, b) => b.ms - a.ms)[0];
  lines.push(`checker time: ${(s.totalMs / 1000).toFixed(1)} s over ${s.results.length} cases${slowest ? ` (slowest ${slowest.name}: ${(slowest.ms / 1000).toFixed(2)} s)` : ''}`);
  return lines.join('\n');
}
