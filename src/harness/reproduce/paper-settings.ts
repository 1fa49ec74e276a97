import { readFileSync } from 'node:fs';
import { isMap, isScalar, parseDocument, type Node } from 'yaml';

/**
 * What config.yaml's comments say about the paper's setting, parameter by parameter: a comment
 * `(the paper: 512)` marks a value that differs from the paper's, one that says "the paper's" a
 * value taken from it. Only what the config says is reported; an uncommented parameter is neither.
 */
export interface PaperSettings {
  /** Parameters we set differently: our value (as JSON) and the comment's words for the paper's. */
  differ: Array<{ parameter: string; ours: string; paper: string }>;
  /** Parameters the comment calls the paper's own. */
  asPaper: string[];
}

// "(the paper: all 50,000 of CIFAR10)" -> "all 50,000 of CIFAR10"; up to the bracket or the line's end.
const DIFFERS = /\bthe paper: ([^)]+)\)?/;
const SAME = /\bthe paper's\b/;
const MAX_VALUE_CHARS = 60;

/** The parameters of `configPath` whose comments compare them with the paper, in the config's order. */
export function paperSettings(configPath: string): PaperSettings {
  const doc = parseDocument(readFileSync(configPath, 'utf8'));
  const parameters = doc.get('parameters', true);
  const out: PaperSettings = { differ: [], asPaper: [] };
  if (!isMap(parameters)) return out;
  for (const pair of parameters.items) {
    if (!isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    // An inline comment sits on the value; a block value's (learningRates:  # ...) comes before it.
    const value = pair.value as Node | null;
    const comment = [value?.comment, value?.commentBefore].filter(Boolean).join(' ');
    const differs = DIFFERS.exec(comment);
    if (differs) out.differ.push({ parameter: name, ours: shortJson(value ? value.toJSON() : null), paper: differs[1]!.trim() });
    else if (SAME.test(comment)) out.asPaper.push(name);
  }
  return out;
}

/** A value as short JSON (at most 60 characters, cut with an ellipsis). */
export function shortJson(v: unknown): string {
  const s = JSON.stringify(v) ?? 'null';
  return s.length > MAX_VALUE_CHARS ? `${s.slice(0, MAX_VALUE_CHARS - 1)}…` : s;
}
