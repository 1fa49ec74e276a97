import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isMap, isSeq } from 'yaml';
import { didYouMean, invalid, PaperlabError } from '../errors/index';
import { issueWhere } from '../paper-files/issues';
import { readYaml } from '../paper-files/yaml-source';

/** The repository's `data/` folder (found from this file, so it works from any working directory). */
export const DEFAULT_DATA_DIR = resolve(__dirname, '..', '..', '..', 'data');

/** One small table shipped in `data/`, as `data/manifest.yaml` describes it. */
export interface TableEntry {
  /** Name to load it by, e.g. `breast-cancer`. */
  readonly name: string;
  /** File name inside the data folder (`.csv` with a header line, or `.json`: an array of records). */
  readonly file: string;
  readonly format: 'csv' | 'json';
  /** Where the file came from, precisely enough to fetch it again. */
  readonly source: string;
  readonly licence: string;
  /** sha256 of the file's bytes, lowercase hex: the loader refuses any other file. */
  readonly sha256: string;
  /** Data rows (header excluded). */
  readonly rows: number;
  /** Columns, the target included. */
  readonly columns: number;
  /** Name of the target column. */
  readonly target: string;
  readonly task: 'classification' | 'regression';
  /** Classification: `classes[k]` names target id k. */
  readonly classes?: readonly string[];
  /** Classification: rows per class id, checked at load. */
  readonly classCounts?: readonly number[];
  /** Anything a user of the data must know (how it was derived, known caveats). */
  readonly notes?: string;
}

const KEYS = ['name', 'file', 'format', 'source', 'licence', 'sha256', 'rows', 'columns', 'target', 'task', 'classes', 'classCounts', 'notes'];
const REQUIRED = KEYS.filter((k) => k !== 'classes' && k !== 'classCounts' && k !== 'notes');

/**
 * Reads and validates `<dataDir>/manifest.yaml`; errors name `manifest.yaml:<line> datasets[i].<field>`.
 * Read by the paper files' YAML reader (`readYaml`): at most 1 MiB, UTF-8 without control
 * characters, syntax errors and duplicate keys with line and column.
 */
export function readManifest(dataDir: string = DEFAULT_DATA_DIR): TableEntry[] {
  const path = join(dataDir, 'manifest.yaml');
  if (!existsSync(path)) throw new PaperlabError('missing-dataset', `${path}: no data manifest here; pass the folder that holds manifest.yaml`, { where: path });
  realPathInside(dataDir, path, path);
  const read = readYaml(path, 'a YAML mapping with the key datasets');
  const problem = read.issues[0];
  if (problem || !read.source) {
    const where = problem ? issueWhere(problem) : path;
    throw new PaperlabError('invalid', problem?.message ?? `${path}: unreadable`, { where, expected: problem?.expected, received: problem?.received, hint: problem?.hint });
  }
  const { doc, lines } = read.source;
  const lineOf = (keyPath: (string | number)[]): string => {
    const node = doc.getIn(keyPath, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? `:${lines.linePos(node.range[0]).line}` : '';
  };
  const list = doc.get('datasets', true);
  if (!isSeq(list)) throw invalid(`${path}${lineOf([])} datasets`, 'a list of data set entries', typeof doc.get('datasets'));
  const entries = list.items.map((item, i) => {
    const at = (key?: string): string => `${path}${lineOf(key && isMap(item) && item.has(key) ? ['datasets', i, key] : ['datasets', i])} datasets[${i}]${key ? `.${key}` : ''}`;
    if (!isMap(item)) throw invalid(at(), 'a mapping', item);
    return checkEntry(item.toJSON() as Record<string, unknown>, at);
  });
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (seen.has(e.name)) throw invalid(`${path}${lineOf(['datasets', i, 'name'])} datasets[${i}].name`, 'a name used once', e.name);
    seen.add(e.name);
  });
  return entries;
}

/**
 * The real path of `path` (symlinks resolved) when it lies inside the real `dataDir`; otherwise a
 * `PaperlabError` (code `outside-data-dir`) naming `what` and where the link leads. A link inside
 * the data folder is fine; one out of it would load bytes the repository does not hold.
 */
export function realPathInside(dataDir: string, path: string, what: string): string {
  const root = realpathSync(dataDir);
  const real = realpathSync(path);
  const rel = relative(root, real);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    const expected = `a file inside the data folder ${root}`;
    throw new PaperlabError('outside-data-dir', `${what}: expected ${expected}, got a link to ${real}; copy the file into the data folder instead of linking to it`,
      { where: what, expected, received: real, hint: 'copy the file into the data folder instead of linking to it' });
  }
  return real;
}

function checkEntry(raw: Record<string, unknown>, at: (key?: string) => string): TableEntry {
  for (const key of Object.keys(raw)) {
    if (!KEYS.includes(key)) throw invalid(at(key), `one of ${KEYS.join(', ')}`, key, didYouMean(key, KEYS));
  }
  for (const key of REQUIRED) if (raw[key] === undefined) throw invalid(at(), `a field ${key}`, 'none');
  const str = (key: string): void => {
    if (typeof raw[key] !== 'string' || raw[key] === '') throw invalid(at(key), 'a non-empty string (quote it in YAML)', raw[key]);
  };
  ['name', 'file', 'source', 'licence', 'target'].forEach(str);
  if (raw.notes !== undefined) str('notes');
  const file = raw.file as string;
  if (isAbsolute(file) || file.split(/[\\/]/).includes('..')) throw invalid(at('file'), 'a file name inside the data folder', file);
  if (raw.format !== 'csv' && raw.format !== 'json') throw invalid(at('format'), "'csv' or 'json'", raw.format);
  if (typeof raw.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(raw.sha256)) throw invalid(at('sha256'), '64 lowercase hex digits (quote it in YAML)', raw.sha256);
  for (const key of ['rows', 'columns']) {
    if (!Number.isInteger(raw[key]) || (raw[key] as number) < 1) throw invalid(at(key), 'a positive integer', raw[key]);
  }
  if (raw.task !== 'classification' && raw.task !== 'regression') throw invalid(at('task'), "'classification' or 'regression'", raw.task);
  const classes = raw.classes;
  if (raw.task === 'classification') {
    if (!Array.isArray(classes) || classes.length < 2 || !classes.every((c) => typeof c === 'string')) {
      throw invalid(at(classes === undefined ? undefined : 'classes'), 'classes: a list of at least 2 class names (task is classification)', classes ?? 'none');
    }
    const counts = raw.classCounts;
    if (counts !== undefined && (!Array.isArray(counts) || counts.length !== classes.length || !counts.every((c) => Number.isInteger(c) && c >= 0))) {
      throw invalid(at('classCounts'), `${classes.length} non-negative integers (one per class)`, counts);
    }
  } else if (classes !== undefined || raw.classCounts !== undefined) {
    throw invalid(at(classes !== undefined ? 'classes' : 'classCounts'), 'no classes or classCounts (task is regression)', classes ?? raw.classCounts);
  }
  return Object.freeze(raw) as unknown as TableEntry;
}

