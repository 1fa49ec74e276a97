import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import { invalid } from '../../library/errors/index';
import { PAPER_REPORT_SCHEMA } from './schema';
import type { PaperReport } from './types';

let validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null } | null = null;

// The value at an ajv instancePath ("/claims/0/verdict"), for the "got …" part of a message.
function valueAt(data: unknown, pointer: string): unknown {
  let v = data;
  for (const key of pointer.split('/').slice(1)) {
    const k = key.replace(/~1/g, '/').replace(/~0/g, '~');
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  }
  return v;
}

// "/claims/0/verdict" -> "claims[0].verdict"
function dotted(pointer: string): string {
  return pointer.split('/').slice(1).reduce((acc, k) => (/^\d+$/.test(k) ? `${acc}[${k}]` : acc ? `${acc}.${k}` : k), '');
}

function shortJson(v: unknown): string {
  const s = v === undefined ? 'nothing' : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

// ajv's messages do not name the key for additionalProperties/required (STACK.md): say it ourselves.
function describe(errors: ErrorObject[], data: unknown, where: string) {
  // Without allErrors ajv stops at the first failing keyword, so the last error is the one that
  // failed; an anyOf lists its branches' errors first: those say what would have been accepted.
  const e = errors[errors.length - 1];
  const branches = errors.filter((b) => b !== e && b.instancePath === e.instancePath);
  const rule = e.keyword === 'anyOf' ? branches.map(ruleOf).join(' or ') || 'a valid value' : ruleOf(e);
  const path = dotted(e.instancePath);
  const at = (key: string) => `${where} ${path ? `${path}.` : ''}${key}`;
  if (e.keyword === 'additionalProperties') {
    const key = String((e.params as { additionalProperty: string }).additionalProperty);
    return invalid(at(key), 'no such key', 'a value', 'remove it or fix its spelling');
  }
  if (e.keyword === 'required') {
    // A missing key beside an unknown one is most often a misspelling: name the unknown one too.
    const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
    const here = valueAt(data, e.instancePath) as Record<string, unknown>;
    const unknown = Object.keys(here).filter((k) => !known.includes(k));
    const hint = unknown.length ? `unknown key ${unknown.map((k) => JSON.stringify(k)).join(', ')} beside it: misspelt?` : undefined;
    return invalid(at(String((e.params as { missingProperty: string }).missingProperty)), 'a value', 'nothing', hint);
  }
  return invalid(`${where} ${path || '(root)'}`, rule, shortJson(valueAt(data, e.instancePath)));
}

function ruleOf(e: ErrorObject): string {
  if (e.keyword === 'enum') return `one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return (e.message ?? e.keyword).replace(/^must (be )?/, '');
}

function checkTime(value: string, where: string): void {
  if (Number.isNaN(Date.parse(value))) throw invalid(where, 'an ISO 8601 time', value);
}

/**
 * Throws PaperlabError naming the first bad field of a report (`where` prefixes the message, e.g.
 * the JSON file it came from); returns the report, typed, when it is well formed.
 */
export function checkReport(data: unknown, where = 'report'): PaperReport {
  if (!validate) validate = new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true, verbose: true }).compile(PAPER_REPORT_SCHEMA);
  // In memory a diverged value is NaN; JSON spells it "NaN" (as record() does). Check that spelling.
  const spelled: unknown = JSON.parse(JSON.stringify(data, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) ?? 'null');
  if (!validate(spelled)) {
    throw describe(validate.errors ?? [], spelled, where);
  }
  const report = data as PaperReport;
  checkTime(report.generatedAt, `${where} generatedAt`);
  report.manifests.forEach((m, i) => {
    checkTime(m.startedAt, `${where} manifests[${i}].startedAt`);
    checkTime(m.endedAt, `${where} manifests[${i}].endedAt`);
  });
  return report;
}
