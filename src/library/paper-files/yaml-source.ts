import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import { excerpt, issue, shortText, type FileIssue } from './issues';

/** A YAML file parsed with its node ranges, so any value can be traced back to its line. */
export interface YamlSource {
  /** The path as given (errors print it). */
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/**
 * The largest YAML file `readYaml` reads: 1 MiB. The paper files (config.yaml, budget.yaml,
 * failures.yaml) and data/manifest.yaml are a few KB; a bigger one is a mistake (data or a log
 * pasted in), and parsing it costs far more memory and time than its size.
 */
export const MAX_YAML_BYTES = 1024 * 1024;

// C0 controls but tab, LF and CR; DEL; C1 controls but NEL: what YAML 1.2 does not allow in a stream.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/;

/**
 * Reads and parses a YAML file, keeping ranges: the one reader of the paper files and of
 * data/manifest.yaml. Before parsing, refuses a file over `maxBytes` (default `MAX_YAML_BYTES`;
 * at most that many bytes are ever read), bytes that are not UTF-8, and control characters
 * (NUL, ESC, …; tab and line ends are fine), each as one issue with a short escaped excerpt.
 * `expected` says in words what the file must hold, e.g. 'a YAML mapping with keys paper, claims, …'.
 * Syntax errors come back as issues too, with line and column; a duplicate key names the key and
 * the line of its first use. `source` is absent when the text was refused before parsing.
 */
export function readYaml(file: string, expected: string, maxBytes = MAX_YAML_BYTES): { source?: YamlSource; issues: FileIssue[] } {
  const bytes = readAtMost(file, maxBytes);
  if (bytes.length > maxBytes) {
    const size = Math.max(bytes.length, bytes.size);
    const mib = (n: number) => `${Number.isInteger(n / 2 ** 20) ? n / 2 ** 20 : (n / 2 ** 20).toFixed(1)} MiB`;
    return { issues: [issue({ code: 'too-large', file, field: '', expected: `a YAML file of at most ${mib(maxBytes)} (${maxBytes} bytes)`, received: `${size} bytes (${(size / 2 ** 20).toFixed(1)} MiB)`, hint: `keep data and logs out of ${basename(file)}` })] };
  }
  const want = `${expected} (UTF-8 text without control characters)`;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.data);
  } catch {
    const loose = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.data);
    return { issues: [issue({ code: 'not-utf8', file, ...position(loose, loose.indexOf('\ufffd')), field: '', expected: want, received: 'bytes that are not UTF-8 (a binary file?)' })] };
  }
  const bad = CONTROL.exec(text);
  if (bad) {
    const at = bad.index;
    const from = Math.max(0, at - 20);
    const shown = excerpt(text.slice(from), at - from + 21);
    const code = `U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return { issues: [issue({ code: 'control-character', file, ...position(text, at), field: '', expected: want, received: `the control character ${code} in ${from > 0 ? `"…${shown.slice(1)}` : shown}` })] };
  }
  return parseYaml(file, text);
}

/** Up to `max + 1` bytes of `file` (more means too large) and its size on disk. */
function readAtMost(file: string, max: number): { data: Uint8Array; length: number; size: number } {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > max) return { data: new Uint8Array(0), length: size, size };
    const data = Buffer.alloc(max + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, data, length, data.length - length, null);
      if (n === 0 || length + n > max) { length += n; break; }
      length += n;
    }
    return { data: data.subarray(0, length), length, size };
  } finally {
    closeSync(fd);
  }
}

/** 1-based line and column of character `index` of `text`. */
function position(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, index));
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: index - lastBreak };
}

/** Parses YAML text as if read from `file`. */
export function parseYaml(file: string, text: string): { source: YamlSource; issues: FileIssue[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const source = { file, text, doc, lines };
  const duplicates = doc.errors.some((e) => e.code === 'DUPLICATE_KEY') ? duplicateKeys(source) : [];
  const issues = doc.errors
    .filter((e) => e.code !== 'DUPLICATE_KEY' || duplicates.length === 0)
    .map((e) => {
      const { line, col } = lines.linePos(e.pos[0]);
      return issue({ code: 'yaml-syntax', file, line, column: col, field: '', expected: 'valid YAML', received: shortText(e.message.split('\n')[0]!) });
    });
  return { source, issues: [...issues, ...duplicates] };
}

/** Every key repeated within one mapping, at the repeat, naming the key and the line of its first use. */
function duplicateKeys(source: YamlSource): FileIssue[] {
  const out: FileIssue[] = [];
  const walk = (node: unknown, at: Array<string | number>): void => {
    if (isSeq(node)) node.items.forEach((item, k) => walk(item, [...at, k]));
    if (!isMap(node)) return;
    const seen = new Map<unknown, Pair>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      const name = key === undefined ? undefined : String(key);
      if (name !== undefined) {
        const first = seen.get(key);
        if (first) {
          const { line, col } = source.lines.linePos((pair.key as Node).range![0]);
          out.push(issue({
            code: 'duplicate-key', file: source.file, line, column: col, field: fieldName([...at, name]),
            expected: 'each key once in a mapping', received: `the key ${excerpt(name)} again (first at line ${lineOf(source, first.key as Node)})`,
          }));
        } else {
          seen.set(key, pair);
        }
      }
      walk(pair.value, name === undefined ? at : [...at, name]);
    }
  };
  walk(source.doc.contents, []);
  return out;
}

/** The path of an ajv `instancePath` (`/claims/0/tolerance`) as segments (`['claims', 0, 'tolerance']`). */
export function pointerSegments(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

/** `['claims', 0, 'tolerance']` → `claims[0].tolerance` (the field name errors print). */
export function fieldName(segments: ReadonlyArray<string | number>): string {
  return segments.reduce<string>((acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '');
}

/**
 * The node at `segments` and the mapping key that introduced it (none for a list item).
 * Stops at the deepest node that exists, so a missing field still points at its parent.
 */
export function locate(source: YamlSource, segments: ReadonlyArray<string | number>): { node?: Node; key?: Node } {
  let node: unknown = source.doc.contents;
  let key: Node | undefined;
  for (const s of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(s));
      if (!pair) break;
      key = pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof s === 'number' && s < node.items.length) {
      node = node.items[s];
      key = undefined; // a list item has no key: its own first line is where it starts
    } else {
      break;
    }
  }
  return { node: (node ?? undefined) as Node | undefined, key };
}

/** Key node of `name` inside the mapping at `segments`, if present. */
export function keyNode(source: YamlSource, segments: ReadonlyArray<string | number>, name: string): Node | undefined {
  const { node } = locate(source, segments);
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === name);
  return pair?.key as Node | undefined;
}

/** 1-based line where a node starts. */
export function lineOf(source: YamlSource, node: Node | undefined): number | undefined {
  const start = node?.range?.[0];
  return start === undefined ? undefined : source.lines.linePos(start).line;
}

/** The node's text as written in the file (`1706.10`, where the parsed number is 1706.1). */
export function sourceText(source: YamlSource, node: Node | undefined): string | undefined {
  const range = node?.range;
  return range ? source.text.slice(range[0], range[1]) : undefined;
}

/**
 * The document as plain data, with empty mapping values (`arxiv:` with nothing after it) dropped so
 * they read as absent, except under `freeForm` keys (a parameter may be null).
 */
export function plainData(source: YamlSource, options: { freeForm?: readonly string[] } = {}): unknown {
  const freeForm = new Set(options.freeForm ?? []);
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === null) continue;
      out[k] = freeForm.has(k) ? v : walk(v);
    }
    return out;
  };
  return walk(source.doc.toJS({ maxAliasCount: 100 }));
}
