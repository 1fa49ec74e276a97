import type { ErrorObject } from 'ajv';
import { excerpt, issue, shortText, type FileIssue } from './issues';
import { didYouMean } from '../errors/index';
import { describePattern } from './patterns';
import { fieldName, keyNode, lineOf, locate, pointerSegments, sourceText, type YamlSource } from './yaml-source';

type Segments = Array<string | number>;
type Parts = Omit<FileIssue, 'message' | 'file' | 'line' | 'field' | 'code'>;

/**
 * Turns ajv's errors into issues that name the file, the line, the field and the rule in words,
 * e.g. `config.yaml:7 paper.arxiv: expected a string (quote it: "1706.10"), got the number 1706.1`.
 */
export function ajvIssues(source: YamlSource, errors: readonly ErrorObject[]): FileIssue[] {
  // `propertyNames` repeats the failure of the pattern inside it, which carries the key.
  return errors.filter((e) => e.keyword !== 'propertyNames').map((e) => toIssue(source, e));
}

function toIssue(source: YamlSource, e: ErrorObject): FileIssue {
  const at = pointerSegments(e.instancePath);
  const make = (segments: Segments, line: number | undefined, parts: Parts) =>
    issue({ code: e.keyword, file: source.file, line, field: fieldName(segments), ...parts });
  const valueLine = () => lineOf(source, locate(source, at).node) ?? lineOf(source, locate(source, at).key);
  const params = e.params as Record<string, unknown>;

  if (e.propertyName !== undefined) {
    const key = e.propertyName;
    return make([...at, key], lineOf(source, keyNode(source, at, key)), { expected: describePattern(String(params.pattern)), received: `the key "${key}"` });
  }
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = didYouMean(key, known);
      return make([...at, key], lineOf(source, keyNode(source, at, key)), {
        expected: `a known key (${known.join(', ')})`,
        received: `the unknown key "${key}"`,
        hint,
      });
    }
    case 'required': {
      const name = String(params.missingProperty);
      const own = keyNode(source, at, name); // present but empty (`venue:`): null values are dropped before checking
      const parent = locate(source, at);
      // A missing top-level section has no line of its own; a missing field points at its parent's key.
      const line = own ? lineOf(source, own) : at.length === 0 ? undefined : lineOf(source, parent.key ?? parent.node);
      return make([...at, name], line, {
        expected: 'a value (required)',
        received: own ? 'an empty value' : 'nothing (the key is missing)',
      });
    }
    case 'uniqueItems': {
      const later = Math.max(Number(params.i), Number(params.j));
      const earlier = Math.min(Number(params.i), Number(params.j));
      const line = lineOf(source, locate(source, [...at, later]).node) ?? valueLine();
      return make([...at, later], line, { expected: `no repeated entries`, received: `a repeat of entry ${earlier} (${shortText(JSON.stringify((e.data as unknown[])[later]) ?? 'undefined', 60)})` });
    }
    case 'type':
      return make(at, valueLine(), typeParts(source, at, String(params.type), e.data));
    default:
      return make(at, valueLine(), valueParts(e));
  }
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value entries)',
  null: 'nothing',
};

function typeParts(source: YamlSource, at: Segments, type: string, data: unknown): Parts {
  let expected = type.split(',').map((t) => TYPE_WORDS[t] ?? t).join(' or ');
  // YAML reads `arxiv: 1706.10` as the number 1706.1 and `venue: true` as a boolean.
  if (type === 'string' && (typeof data === 'number' || typeof data === 'boolean')) {
    const written = sourceText(source, locate(source, at).node) ?? String(data);
    expected += ` (quote it: "${written}")`;
  }
  return { expected, received: describeValue(data) };
}

/** `the number 1706.1`, `the string "x"`, `a list`, `a mapping`, `nothing (an empty value)`. */
export function describeValue(data: unknown): string {
  if (data === undefined) return 'nothing';
  if (data === null) return 'nothing (an empty value)';
  if (Array.isArray(data)) return data.length === 0 ? 'an empty list' : `a list of ${data.length}`;
  if (typeof data === 'object') return 'a mapping';
  if (typeof data === 'string') return `the string ${excerpt(data)}`;
  return `the ${typeof data === 'boolean' ? 'boolean' : 'number'} ${String(data)}`;
}

function valueParts(e: ErrorObject): Parts {
  const params = e.params as Record<string, unknown>;
  const received = typeof e.data === 'string' ? excerpt(e.data) : Array.isArray(e.data) ? describeValue(e.data) : String(e.data);
  const kind = (e.parentSchema as { type?: string } | undefined)?.type === 'integer' ? 'an integer' : 'a number';
  switch (e.keyword) {
    case 'exclusiveMinimum':
      return { expected: params.limit === 0 ? `a positive number` : `${kind} > ${params.limit}`, received };
    case 'minimum':
      return { expected: params.limit === 0 ? `${kind} >= 0 (not negative)` : `${kind} >= ${params.limit}`, received };
    case 'maximum':
    case 'exclusiveMaximum':
      return { expected: `${kind} ${params.comparison} ${params.limit}`, received };
    case 'minItems':
      return { expected: `at least ${params.limit} ${params.limit === 1 ? 'entry' : 'entries'}`, received };
    case 'minLength':
      return { expected: 'a non-empty string', received };
    case 'pattern':
      return { expected: describePattern(String(params.pattern)), received };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const hint = typeof e.data === 'string' ? didYouMean(e.data, allowed) : undefined;
      return { expected: `one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`, received, hint };
    }
    default:
      return { expected: `a value that ${e.message ?? 'fits the schema'}`, received };
  }
}
