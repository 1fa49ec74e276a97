import { invalid, PaperlabError } from '../errors/index';
import { RULE_IDS, type Acceptance, type Finding, type LeakageReport } from './types';

/** Validates acceptances from a config; the error names the entry and the field. */
export function checkAcceptances(accept: unknown, where = 'accept'): Acceptance[] {
  if (accept === undefined) return [];
  if (!Array.isArray(accept)) throw invalid(where, 'a list of { rule, reason }', typeof accept);
  return accept.map((a: unknown, i) => {
    const e = a as Partial<Acceptance> | null;
    if (!e || typeof e !== 'object') throw invalid(`${where}[${i}]`, 'an object { rule, reason }', e);
    if (!RULE_IDS.includes(e.rule as never)) throw invalid(`${where}[${i}].rule`, `one of ${RULE_IDS.join(', ')}`, e.rule ?? 'undefined');
    if (typeof e.reason !== 'string' || e.reason.trim() === '') {
      throw invalid(`${where}[${i}].reason`, 'a non-empty reason', e.reason ?? 'undefined', 'say why this leakage is acceptable here; the report shows it');
    }
    if (e.check !== undefined && typeof e.check !== 'string') throw invalid(`${where}[${i}].check`, 'a check name string', e.check);
    return { rule: e.rule!, reason: e.reason, check: e.check };
  });
}

/** Marks findings covered by an acceptance (same rule, and same check when the acceptance names one). */
export function applyAcceptances(findings: Finding[], accept: readonly Acceptance[]): Finding[] {
  return findings.map((f) => {
    const a = accept.find((x) => x.rule === f.rule && (x.check === undefined || x.check === f.check));
    return a ? { ...f, accepted: { reason: a.reason } } : f;
  });
}

/** Error-level findings no acceptance covers. */
export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error' && !f.accepted);
}

/**
 * Throws a PaperlabError (code `leakage`) listing every unaccepted error of `report`.
 * The message is `context:` (e.g. the split), the findings' sentences one per line, then how to accept one.
 */
export function assertNoLeakage(report: LeakageReport, context?: string): void {
  const blocking = blockingFindings(report.findings);
  if (blocking.length === 0) return;
  const lines = blocking.map((f) => f.message);
  if (context) lines.unshift(`${context}:`);
  const hint = `stopping the run; fix the split, or accept a finding in the config with { rule: '${blocking[0]!.rule}', reason: '…' }`;
  throw new PaperlabError('leakage', `${lines.join('\n')}\n${hint}`, { where: 'leakage', expected: 'no error-level leakage', received: `${blocking.length} finding(s)`, hint });
}
