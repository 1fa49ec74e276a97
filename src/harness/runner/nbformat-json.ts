// A notebook's text exactly as the Jupyter server writes it (nbformat 5's `writes`), so that a
// notebook the project wrote stays byte-identical when the UI opens and saves it unedited.

/**
 * The metadata the classic Notebook UI writes once the paperlab kernel is connected: the kernel
 * spec it started, and tslab's kernel_info `language_info` as tslab 1.0.22 sends it.
 */
export const PAPERLAB_NOTEBOOK_METADATA = {
  kernelspec: { display_name: 'TypeScript (paperlab)', language: 'typescript', name: 'paperlab' },
  language_info: {
    codemirror_mode: { mode: 'typescript', name: 'javascript', typescript: true },
    file_extension: '.ts',
    mimetype: 'text/typescript',
    name: 'typescript',
    version: '3.7.2',
  },
} as const;

/** Python's str.splitlines(keepends=True), which nbformat uses: '' gives no lines. */
export function pythonSplitLines(text: string): string[] {
  return text.split(/(?<=\r\n|\r(?!\n)|[\n\v\f\x1c\x1d\x1e\x85\u2028\u2029])/).filter((line) => line !== '');
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A string or list of strings as the server reads it (joined) and writes it (split); else undefined. */
function lines(value: Json | undefined): string[] | undefined {
  if (typeof value === 'string') return pythonSplitLines(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return pythonSplitLines(value.join(''));
  return undefined;
}

/**
 * nbformat's rejoin_lines on reading, then split_lines on writing: sources, stream text and
 * non-JSON MIME strings become lists of lines, split where Python splits them.
 */
function splitLines(nb: { [key: string]: Json }): void {
  const bundle = (b: Json | undefined) => {
    if (!b || typeof b !== 'object' || Array.isArray(b)) return;
    for (const [mime, value] of Object.entries(b)) {
      const json = mime === 'application/json' || (mime.startsWith('application/') && mime.endsWith('+json'));
      const split = json ? undefined : lines(value);
      if (split) b[mime] = split;
    }
  };
  for (const cell of (Array.isArray(nb.cells) ? nb.cells : []) as Array<{ [key: string]: Json }>) {
    const source = lines(cell.source);
    if (source) cell.source = source;
    if (cell.cell_type === 'code' && Array.isArray(cell.outputs)) {
      for (const out of cell.outputs as Array<{ [key: string]: Json }>) {
        if (out.output_type === 'execute_result' || out.output_type === 'display_data') bundle(out.data);
        else if (out.output_type === 'stream') {
          const text = lines(out.text);
          if (text) out.text = text;
        }
      }
    } else if ((cell.cell_type === 'markdown' || cell.cell_type === 'raw') && cell.attachments && typeof cell.attachments === 'object') {
      for (const att of Object.values(cell.attachments)) bundle(att);
    }
  }
}

/** A number as Python's json writes the float or int that JSON text parses to (1e-7 -> 1e-07). */
function pythonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`nbformat JSON: ${n} has no JSON form (the server would write ${n > 0 ? 'Infinity' : n < 0 ? '-Infinity' : 'NaN'})`);
  return String(n).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** json.dumps(value, sort_keys=True, indent=1, ensure_ascii=False). */
function dump(value: Json, indent: string): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return pythonNumber(value);
  const inner = indent + ' ';
  if (Array.isArray(value)) {
    return value.length === 0 ? '[]' : `[\n${value.map((v) => inner + dump(v, inner)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
  return keys.length === 0 ? '{}' : `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${dump(value[k]!, inner)}`).join(',\n')}\n${indent}}`;
}

/**
 * The text nbformat writes for `nb` (what the Notebook server saves): transient keys dropped as
 * nbformat's strip_transient does, lines split, keys sorted, indent 1, a final newline.
 */
export function nbformatJson(nb: object): string {
  const copy = JSON.parse(JSON.stringify(nb)) as { [key: string]: Json };
  const metadata = copy.metadata;
  if (metadata && typeof metadata === 'object' && !Array.isArray(metadata)) {
    for (const key of ['orig_nbformat', 'orig_nbformat_minor', 'signature']) delete metadata[key];
  }
  for (const cell of (Array.isArray(copy.cells) ? copy.cells : []) as Array<{ [key: string]: Json }>) {
    const m = cell.metadata;
    if (m && typeof m === 'object' && !Array.isArray(m)) delete m.trusted;
  }
  splitLines(copy);
  return dump(copy, '') + '\n';
}
