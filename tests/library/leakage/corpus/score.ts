// Scores a leakage checker on the planted corpus: per rule recall and precision, and false
// positives on clean controls. Only error and warning findings count: a `question` (L3.3 sampling
// bias) is asked of every data set and says nothing about this one.
import type { Finding, RuleId } from '../../../../src/library/leakage/index';
import type { Case } from './case';

/** What the scorer reads of a case (a case in memory, or an entry of cases.json whose tables are files). */
export type ScoredCase = Pick<Case, 'name' | 'description' | 'planted' | 'tolerated' | 'check' | 'leakyTestRows'>;

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
  /** Found cases whose findings name the expected check (informational). */
  namedCheck: number;
  /** Found cases whose finding count equals the planted leaky test rows, when both are row counts (informational). */
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
  totalMs: number;
}

const counts = (f: Finding): boolean => f.severity === 'error' || f.severity === 'warning';

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
  const flagged = [...new Set(findings.filter(counts).map((f) => f.rule))];
  return {
    name: c.name, description: c.description, planted: c.planted, tolerated: c.tolerated ?? [], flagged, findings, crash, ms,
    check: c.check, leakyTestRows: c.leakyTestRows,
  };
}

function scoreRule(rule: RuleId, results: CaseResult[]): RuleScore {
  const planted = results.filter((r) => r.planted.includes(rule));
  const found = planted.filter((r) => r.flagged.includes(rule));
  const flagged = results.filter((r) => r.flagged.includes(rule) && !r.tolerated.includes(rule));
  const right = flagged.filter((r) => r.planted.includes(rule));
  const ofRule = (r: CaseResult) => r.findings.filter((f) => f.rule === rule && counts(f));
  const rowCounted = found.filter((r) => r.leakyTestRows !== undefined && ofRule(r).some((f) => f.unit === 'rows'));
  return {
    rule,
    planted: planted.length,
    found: found.length,
    recall: planted.length === 0 ? 1 : found.length / planted.length,
    flagged: flagged.length,
    right: right.length,
    precision: flagged.length === 0 ? 1 : right.length / flagged.length,
    namedCheck: found.filter((r) => ofRule(r).some((f) => f.check === r.check)).length,
    countRight: rowCounted.filter((r) => ofRule(r).some((f) => f.unit === 'rows' && f.count === r.leakyTestRows)).length,
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
  const rows = s.rules.map((r) => `| ${r.rule} | ${r.planted} | ${r.found} | ${pct(r.recall)} | ${r.flagged} | ${r.right} | ${r.flagged === 0 ? '—' : pct(r.precision)} | ${r.namedCheck}/${r.found} | ${r.countRight}/${r.countable} | ${meetsGoals(r) ? 'met' : 'NOT met'} |`);
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
  const slowest = [...s.results].sort((a, b) => b.ms - a.ms)[0];
  lines.push(`checker time: ${(s.totalMs / 1000).toFixed(1)} s over ${s.results.length} cases${slowest ? ` (slowest ${slowest.name}: ${(slowest.ms / 1000).toFixed(2)} s)` : ''}`);
  return lines.join('\n');
}
