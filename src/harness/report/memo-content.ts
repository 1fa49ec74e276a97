import { runTotal } from './budget-section';
import { referenceLabel } from './claims-section';
import { groupFailures, splitFailures, type FailureGroup } from './failure-groups';
import { formatAmount, formatCi, formatNumber, shortHash, toNumber } from './format';
import { budgetText, isOverBudget, verdictCounts } from './summary';
import { VERDICTS, VERDICT_LABELS, type BudgetLine, type ClaimRow, type Estimate, type PaperReport, type Verdict } from './types';

// The memo's content as plain text, once: memo-section.ts (HTML) and memo-markdown.ts only format
// it, so the page and the Markdown can never say different things. Every fact comes from the
// report (built from the run folder and config.yaml); where the run cannot know, it says so.

/** One claim of the memo's table: reference, our estimate, the gap and its interval, the verdict. */
export interface MemoClaim {
  id: string;
  /** "0.93 (the paper's value)" or "2 (our threshold: the paper prints none)". */
  reference: string;
  /** "0.951 [0.948, 0.954], n=3". */
  ours: string;
  /** ours − reference: "+0.021 [+0.018, +0.024]"; "—" without both numbers. */
  gap: string;
  verdict: Verdict;
}

/** One line of the model-info sheet: what it asks, and what the run answers. */
export interface SheetItem {
  item: string;
  answer: string;
  /** Sub-lines (each code-leak finding, say). */
  details: string[];
}

/** Everything the memo says, as text. */
export interface MemoContent {
  /** "Reproduced 3 of 4 claims; 1 partially reproduced (grokking-delay)." */
  verdictLine: string;
  claims: MemoClaim[];
  /** config.yaml deviations, as written ("we X whereas the paper Y, because Z"). */
  deviations: string[];
  /** "imageSize = 64 (the paper: 512)", from config.yaml's parameter comments. */
  settings: string[];
  /** Parameters the config calls the paper's own; empty when it says none. */
  asPaper: string[];
  /** null: config.yaml has no `easy:` / `hard:` yet (an open item, never invented). */
  easy: string[] | null;
  hard: string[] | null;
  /** "wall time per run: max 8.1 s of 100 s per run; total 24.3 s (within budget)". */
  cost: Array<{ text: string; over: boolean }>;
  /** This run's failure cases, grouped by symptom, one line each; null when the report names no run folder. */
  failures: { count: number; lines: string[] } | null;
  sheet: SheetItem[];
  /** REFORMS / model-info items a run cannot answer by itself. */
  openQuestions: string[];
}

/**
 * Items of Kapoor & Narayanan's model info sheet (2023, "Leakage and the reproducibility crisis in
 * ML-based science", Appendix) and of REFORMS (Kapoor et al. 2024) that need knowledge of the
 * domain or the deployment, which no run has: listed as open, never answered.
 */
export const OPEN_QUESTIONS: readonly string[] = [
  'Is the test set drawn from the population the claim is about (the deployment or scientific population), without sampling bias? (L3.3)',
  'Is every feature legitimate: available at prediction time and not a proxy of the outcome? (L2)',
  'Are train and test independent beyond what the split controls (time, shared units, spatial or family structure)? (L3.1, L3.2)',
  'Is the metric and its uncertainty the one the scientific claim needs, and is the comparison with the paper like for like?',
];

/** Builds the memo's content from a report (with `report.memo`, the run's own facts too). */
export function memoContent(report: PaperReport): MemoContent {
  const memo = report.memo;
  return {
    verdictLine: verdictLine(report),
    claims: report.claims.map(memoClaim),
    deviations: [...report.deviations],
    settings: (memo?.settings ?? []).map((s) => `${s.parameter} = ${s.ours} (the paper: ${s.paper})`),
    asPaper: memo?.asPaper ?? [],
    easy: memo?.easy?.length ? memo.easy : null,
    hard: memo?.hard?.length ? memo.hard : null,
    cost: report.budget.map((b) => ({ text: costLine(b), over: isOverBudget(b) })),
    failures: thisRunFailures(report),
    sheet: sheet(report),
    openQuestions: [...OPEN_QUESTIONS],
  };
}

const MAX_LINE_IDS = 3;

/** "Reproduced 2 of 4 claims; 1 partially reproduced (c3); 1 not reproduced (c4)." */
export function verdictLine(report: PaperReport): string {
  const n = report.claims.length;
  if (n === 0) return 'No claims judged.';
  const counts = verdictCounts(report);
  // At most three ids per verdict: the line must stay one line; the table below lists every claim.
  const ids = (v: Verdict) => {
    const all = report.claims.filter((c) => c.verdict === v).map((c) => c.id);
    return all.length > MAX_LINE_IDS ? `${all.slice(0, MAX_LINE_IDS).join(', ')} and ${all.length - MAX_LINE_IDS} more` : all.join(', ');
  };
  const rest = VERDICTS.filter((v) => v !== 'reproduced' && counts[v] > 0).map((v) => `${counts[v]} ${VERDICT_LABELS[v]} (${ids(v)})`);
  return `Reproduced ${counts.reproduced} of ${n} claim${n === 1 ? '' : 's'}${rest.length ? `; ${rest.join('; ')}` : ''}.`;
}

function signed(v: number): string {
  const text = formatNumber(v);
  return v > 0 ? `+${text}` : text.replace(/^-/, '−');
}

/** Our estimate minus the reference, with the CI of the mean shifted by the reference. */
export function gapText(ours: Estimate, reference: number | null): string {
  const mean = toNumber(ours.mean);
  if (reference === null || mean === null || !Number.isFinite(mean)) return '—';
  const lo = ours.ci ? toNumber(ours.ci[0]) : null;
  const hi = ours.ci ? toNumber(ours.ci[1]) : null;
  const ci = lo !== null && hi !== null ? ` [${signed(lo - reference)}, ${signed(hi - reference)}]` : '';
  return `${signed(mean - reference)}${ci}`;
}

function memoClaim(c: ClaimRow): MemoClaim {
  const reference = toNumber(c.paperValue);
  const unit = c.unit ? ` ${c.unit}` : '';
  return {
    id: c.id,
    reference: reference === null ? referenceLabel(c) : `${formatNumber(reference)}${unit} (${referenceLabel(c)})`,
    ours: `${formatNumber(c.ours.mean)}${unit}${c.ours.ci ? ` ${formatCi(c.ours)}` : ' (no CI)'}, n=${c.ours.n}`,
    gap: gapText(c.ours, reference !== null && Number.isFinite(reference) ? reference : null),
    verdict: c.verdict,
  };
}

/** A budget line as the budget table states it: per run against per run, total against total, a peak as a maximum. */
function costLine(b: BudgetLine): string {
  const state = isOverBudget(b) ? 'over budget' : b.declared === null ? 'no limit declared' : 'within budget';
  const total = b.limitPer === 'run' && b.usedPerSeed.length > 1
    ? (b.aggregate === 'max' ? '' : `; total ${formatAmount(runTotal(b), b.unit)}`)
    : '';
  return `${b.resource}: ${budgetText(b)}${total} (${state})`;
}

/** A symptom's first characters in the memo; the failures section has it whole. */
const MAX_SYMPTOM_CHARS = 140;

function failureLine(g: FailureGroup): string {
  const seeds = g.seeds.length ? ` [seed ${g.seeds.join(', ')}]` : '';
  const symptom = g.symptom.length > MAX_SYMPTOM_CHARS ? `${g.symptom.slice(0, MAX_SYMPTOM_CHARS - 1).trimEnd()}…` : g.symptom;
  return `${g.ids.join(', ')}${g.count > 1 ? ` (${g.count} times)` : ''}: ${symptom}${seeds}`;
}

function thisRunFailures(report: PaperReport): MemoContent['failures'] {
  if (!report.runDir) return null;
  const { thisRun } = splitFailures(report);
  return { count: thisRun.length, lines: groupFailures(thisRun).map(failureLine) };
}

function keyValues(record: Record<string, unknown>): string {
  return Object.entries(record).map(([k, v]) => `${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ');
}

/** The model-info sheet items the run fills itself; "not recorded" where this report has no such fact. */
function sheet(report: PaperReport): SheetItem[] {
  const memo = report.memo;
  const none = 'not recorded in this report';
  const items: SheetItem[] = [];
  items.push({ item: 'Train/test split', answer: memo ? (memo.split ? keyValues(memo.split) : 'none declared in config.yaml (open)') : none, details: [] });
  const leaks = memo?.codeLeaks;
  const accepted = leaks ? leaks.findings.filter((f) => f.accepted).length : 0;
  items.push({
    item: 'Leakage: static check of the code (L1.1 test reuse; L1.2, L1.3 fits before the split)',
    answer: !leaks ? (memo ? 'not recorded by this run' : none)
      : `${leaks.findings.length} finding${leaks.findings.length === 1 ? '' : 's'}${accepted ? `, ${accepted} accepted in config.yaml` : ''}${leaks.skipped.length ? `; ${leaks.skipped.length} file(s) not checked` : ''}`,
    details: leaks ? [
      // An accepted finding needs its reason, not the remedy; an open one its message (without the
      // rule prefix "leakage L1.2 (code): ", said once already).
      ...leaks.findings.map((f) => `${f.rule} ${f.check} at ${f.where}: ${f.accepted ? `accepted: ${f.accepted}` : f.message.replace(/^leakage \S+ \(code\): /, '')}`),
      ...leaks.skipped.map((s) => `not checked: ${s.file} (${s.reason})`),
    ] : [],
  });
  // Acceptances the code findings above do not already show: those of the notebook's data checks.
  const shown = new Set(leaks?.findings.map((f) => f.accepted) ?? []);
  const acceptedData = (report.acceptedLeakage ?? []).filter((a) => !shown.has(a.reason));
  if (acceptedData.length) {
    items.push({ item: 'Leakage: other findings config.yaml accepts (data checks)', answer: `${acceptedData.length} acceptance${acceptedData.length === 1 ? '' : 's'}`, details: acceptedData.map((a) => `${a.rule}: ${a.reason}`) });
  }
  const n = Math.max(0, ...report.claims.map((c) => c.ours.n));
  items.push({ item: 'Seeds', answer: memo ? `${memo.seeds.join(', ')} (${memo.seeds.length} root seed${memo.seeds.length === 1 ? '' : 's'}; claims judged on up to n=${n})` : none, details: [] });
  const d = memo?.data;
  items.push({
    item: 'Data provenance',
    answer: !memo ? none : d ? [d.name, d.source ? `source ${d.source}` : 'source not given', d.licence ? `licence ${d.licence}` : 'licence not given'].join('; ') : 'no data section in config.yaml (open)',
    details: d ? [
      ...(d.nTrain !== undefined || d.nTest !== undefined ? [`rows: ${d.nTrain ?? 'all'} train, ${d.nTest ?? 'all'} test`] : []),
      d.manifestSha256 ? `data manifest digest ${shortHash(d.manifestSha256)} (data/manifest.yaml, part of each replay's key)` : 'data manifest digest: not recorded',
    ] : [],
  });
  const commits = [...new Set(report.manifests.map((m) => (m.git.commit ? `${shortHash(m.git.commit)}${m.git.dirty ? ' (dirty)' : ''}` : 'unknown')))];
  items.push({
    item: 'Environment',
    answer: memo ? `lock ${shortHash(memo.compute.lockSha256)}; backend ${memo.compute.backend ?? 'none recorded'}; compute path ${memo.compute.path}` : none,
    details: commits.length ? [`commit ${commits.join(', ')}`] : [],
  });
  return items;
}
