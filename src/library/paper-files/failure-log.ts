import { existsSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { isDeepStrictEqual } from 'node:util';
import { Document, isSeq, YAMLSeq, type Node } from 'yaml';
import { ajvIssues } from './ajv-issues';
import { deepFreeze } from './deep-freeze';
import { withFileLock } from './file-lock';
import { issue, PaperFileError, sortIssues, type FileIssue } from './issues';
import type { FailureEntry, FailureWhere } from './types';
import { schemaErrors } from './validators';
import { fieldName, lineOf, locate, parseYaml, plainData, readYaml, type YamlSource } from './yaml-source';

/** File name inside `papers/<id>/`. */
export const FAILURES_FILE = 'failures.yaml';

/** The comment a new failures.yaml starts with. */
export const FAILURE_LOG_HEADER = [
  ' Failure log: one entry per failed cell, exceeded budget, NaN or claim not met.',
  ' Runs append entries (id, date, commit, seed, parameters, where, kind, symptom).',
  ' People add suspectedCause and analysis, and move status: open -> explained | fixed | wont-fix.',
].join('\n');

/** What a caller gives to `appendFailure`; id, date and status are filled in when absent. */
export type NewFailure = Omit<FailureEntry, 'id' | 'date' | 'status'> & Partial<Pick<FailureEntry, 'id' | 'date' | 'status'>>;

// The order entries are written in: what and when first, the people's part last.
const FIELD_ORDER: Array<keyof FailureEntry> = ['id', 'date', 'commit', 'seed', 'kind', 'where', 'parameters', 'symptom', 'claim', 'run', 'suspectedCause', 'status', 'analysis'];

/** What failures.yaml must hold, in the words its errors use. */
const LOG_SHAPE = 'a YAML list of entries (- id: F1 …), or [] when empty';

/**
 * Checks a failures.yaml without throwing for bad content. A missing file is an empty log. Read by
 * the same reader as config.yaml: at most `MAX_YAML_BYTES` (1 MiB), UTF-8 without control characters.
 */
export function checkFailureLog(path: string): { entries?: FailureEntry[]; issues: FileIssue[] } {
  if (!existsSync(path)) return { entries: [], issues: [] };
  const { source, issues } = readYaml(path, LOG_SHAPE);
  if (!source || issues.length > 0) return { issues };
  const data = plainData(source, { freeForm: ['parameters'] }) ?? [];
  if (!Array.isArray(data)) {
    return { issues: [issue({ code: 'type', file: path, line: 1, field: '', expected: 'a list of entries (- id: F1 …), or [] when empty', received: 'a mapping or a value' })] };
  }
  const found = ajvIssues(source, schemaErrors('failure-log', data));
  found.push(...duplicateIds(source, data as FailureEntry[]));
  return found.length > 0 ? { issues: sortIssues(found) } : { entries: data as FailureEntry[], issues: [] };
}

/** Reads and validates a failure log (status defaults filled in); throws `PaperFileError` listing every problem. */
export function readFailureLog(path: string): ReadonlyArray<Readonly<FailureEntry>> {
  const { entries, issues } = checkFailureLog(path);
  if (!entries) throw new PaperFileError(issues);
  return deepFreeze(entries);
}

/**
 * Appends one entry to a failure log, creating the file (with its header comment) if needed.
 * Fills in `id` (next `F<n>`), `date` (now, UTC) and `status` (`open`); validates the entry
 * first. Existing entries and comments are kept as written (yaml's Document API); the write is
 * atomic and holds `<path>.lock`, so parallel runs never lose each other's entries.
 * Returns the entry as written. Throws `PaperFileError` for an invalid entry or a log that is not
 * a YAML list (nothing is written then).
 */
export function appendFailure(path: string, entry: NewFailure): FailureEntry {
  return withFileLock(path, () => {
    const { source, issues } = existsSync(path) ? readYaml(path, LOG_SHAPE) : parseYaml(path, `#${FAILURE_LOG_HEADER.replace(/\n/g, '\n#')}\n[]\n`);
    if (!source || issues.length > 0) throw new PaperFileError(issues);
    const text = source.text;
    const seq = listOf(source);
    const full = ordered({ date: new Date().toISOString(), status: 'open', ...entry, id: entry.id ?? nextId(seq) });
    // The entry is not in the file yet: its problems have a field but no line.
    const problems = ajvIssues(parseYaml(`${path} (new entry)`, '{}').source, schemaErrors('failure', full)).map(({ message: _m, ...i }) => issue({ ...i, line: undefined }));
    if (problems.length > 0) throw new PaperFileError(problems);
    writeFileAtomic.sync(path, appendedText(text, source, seq, full));
    return full;
  });
}

/**
 * The log with `entry` added. Appends text, so every existing byte stays as written (spacing and
 * comments included), when the result parses back to the old entries plus the new one; otherwise
 * (a flow list `[]`, a block scalar that would swallow the blank line) edits the Document.
 */
function appendedText(text: string, source: YamlSource, seq: YAMLSeq, entry: FailureEntry): string {
  const old = (seq.toJSON() ?? []) as unknown[];
  const item = new Document([entry]).toString({ lineWidth: 0 });
  const base = text === '' || text.endsWith('\n') ? text : `${text}\n`;
  const candidate = `${base}${old.length > 0 ? '\n' : ''}${item}`;
  const back = parseYaml(source.file, candidate);
  if (!seq.flow && back.issues.length === 0 && isDeepStrictEqual(back.source.doc.toJS(), [...old, entry])) return candidate;
  seq.flow = false;
  const node = source.doc.createNode(entry) as Node & { spaceBefore?: boolean };
  node.spaceBefore = seq.items.length > 0;
  seq.items.push(node);
  return source.doc.toString({ lineWidth: 0 });
}

/** The document's top-level list, turned to block style; an empty or comment-only file gets one. */
function listOf(source: YamlSource): YAMLSeq {
  const contents = source.doc.contents;
  if (contents === null || (contents as { value?: unknown }).value === null) {
    const seq = new YAMLSeq();
    source.doc.contents = seq as never;
    return seq;
  }
  if (!isSeq(contents)) {
    throw new PaperFileError([issue({ code: 'type', file: source.file, line: lineOf(source, contents), field: '', expected: 'a list of entries', received: 'a mapping or a value', hint: 'nothing was appended' })]);
  }
  return contents;
}

function nextId(seq: YAMLSeq): string {
  const numbers = seq.items.map((item) => {
    const id = (item as { get?: (k: string) => unknown }).get?.('id');
    const m = typeof id === 'string' ? /^F([0-9]+)$/.exec(id) : null;
    return m ? Number(m[1]) : 0;
  });
  return `F${Math.max(0, ...numbers) + 1}`;
}

function ordered(entry: Partial<FailureEntry> & { where?: FailureWhere }): FailureEntry {
  const out: Record<string, unknown> = {};
  for (const key of FIELD_ORDER) if (entry[key] !== undefined) out[key] = entry[key];
  for (const [key, value] of Object.entries(entry)) if (!(key in out) && value !== undefined) out[key] = value; // unknown keys: the schema names them
  // A JSON round trip drops nested undefined values, which YAML would not write either.
  return JSON.parse(JSON.stringify(out)) as FailureEntry;
}

function duplicateIds(source: YamlSource, entries: readonly FailureEntry[]): FileIssue[] {
  const seen = new Map<string, number>();
  const out: FileIssue[] = [];
  entries.forEach((e, k) => {
    if (typeof e?.id !== 'string') return; // the schema reports it
    const first = seen.get(e.id);
    if (first === undefined) return void seen.set(e.id, k);
    const at = [k, 'id'];
    out.push(issue({ code: 'duplicate-id', file: source.file, line: lineOf(source, locate(source, at).node), field: fieldName(at), expected: 'an id used once', received: `"${e.id}" again (first at [${first}])` }));
  });
  return out;
}
