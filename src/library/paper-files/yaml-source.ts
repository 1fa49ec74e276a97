import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { issue, type FileIssue } from './issues';

/** A YAML file parsed with its node ranges, so any value can be traced back to its line. */
export interface YamlSource {
  /** The path as given (errors print it). */
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** Reads and parses a YAML file, keeping ranges. Syntax errors come back as issues. */
export function readYaml(file: string): { source: YamlSource; issues: FileIssue[] } {
  return parseYaml(file, readFileSync(file, 'utf8'));
}

/** Parses YAML text as if read from `file`. */
export function parseYaml(file: string, text: string): { source: YamlSource; issues: FileIssue[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const issues = doc.errors.map((e) =>
    issue({ code: 'yaml-syntax', file, line: lines.linePos(e.pos[0]).line, field: '', expected: 'valid YAML', received: e.message.split('\n')[0]! }),
  );
  return { source: { file, text, doc, lines }, issues };
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
