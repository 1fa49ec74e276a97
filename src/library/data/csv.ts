import { invalid } from '../errors/index';

/** A parsed table: column names and rows of raw text cells. */
export interface CsvTable {
  readonly header: string[];
  readonly rows: string[][];
  /** 1-based line of the file where each row starts (`lines[i]` for `rows[i]`), for error messages. */
  readonly lines: number[];
}

/**
 * Parses RFC 4180 CSV: comma-separated, `"` quotes a field (`""` inside is one quote), quoted fields
 * may hold commas and newlines, CRLF or LF line ends, an optional final newline. The first record is
 * the header. Every record must have as many fields as the header: a ragged row is refused with its
 * line number rather than padded, since padding is how shifted columns go unnoticed.
 */
export function parseCsv(text: string, where: string): CsvTable {
  if (text.indexOf('"') < 0) return parseUnquoted(text, where);
  const records: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // skip a UTF-8 byte-order mark
  const endRecord = (): void => {
    fields.push(field);
    records.push({ fields, line: recordLine });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === '') {
      const close = readQuoted(text, i, where, line);
      field = close.value;
      line += close.newlines;
      i = close.end;
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw invalid(`${where}:${line}`, 'a comma or line end after a closing quote', next);
      }
      continue;
    }
    if (c === ',') { fields.push(field); field = ''; i++; continue; }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    if (c === '"') throw invalid(`${where}:${line}`, 'a quote only at the start of a field', field + c);
    field += c;
    i++;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return checkedTable(records, where);
}

function checkedTable(records: { fields: string[]; line: number }[], where: string): CsvTable {
  if (records.length === 0) throw invalid(where, 'a header line', 'an empty file');
  const header = records[0]!.fields;
  for (const r of records.slice(1)) {
    if (r.fields.length !== header.length) {
      throw invalid(`${where}:${r.line}`, `${header.length} fields (as in the header)`, `${r.fields.length} fields`);
    }
  }
  return { header, rows: records.slice(1).map((r) => r.fields), lines: records.slice(1).map((r) => r.line) };
}

// Text without a quote has one record per line and no escaped comma, so native split() reads it
// with the same result as the character loop, ~8x faster (1M x 20 numbers: ~2 s instead of ~12 s).
function parseUnquoted(text: string, where: string): CsvTable {
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop(); // a final line end opens no record
  return checkedTable(lines.map((l, i) => ({ fields: l.split(','), line: i + 1 })), where);
}

function readQuoted(text: string, start: number, where: string, line: number): { value: string; end: number; newlines: number } {
  let value = '';
  let newlines = 0;
  let i = start + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) throw invalid(`${where}:${line}`, 'a closing quote', 'end of file');
    value += text.slice(i, q);
    if (text[q + 1] === '"') { value += '"'; i = q + 2; continue; }
    newlines += (value.match(/\n/g) ?? []).length;
    return { value, end: q + 1, newlines };
  }
}

/**
 * A cell as a number when the whole text is a decimal number, `null` when empty, else the text.
 * A decimal out of float64 range is refused (naming `where`) rather than read as ±Infinity
 * (`1e999`) or as 0 (`1e-999`): the table would no longer hold what the file says.
 */
export function parseCell(text: string, where: string): number | string | null {
  const t = text.trim();
  if (t === '') return null;
  // Number('') and Number(' ') are 0 and Number('0x1f') is 31: only plain decimals count.
  const m = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.exec(t);
  if (!m) return text;
  const value = Number(t);
  if (!Number.isFinite(value)) throw invalid(where, 'a finite number (within float64 range)', t);
  if (value === 0 && /[1-9]/.test(m[1]!)) throw invalid(where, 'a number within float64 range (not rounded to 0)', t);
  return value;
}
