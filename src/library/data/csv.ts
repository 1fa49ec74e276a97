import { invalid } from '../errors/index';

/** A parsed table: column names and rows of raw text cells. */
export interface CsvTable {
  readonly header: string[];
  readonly rows: string[][];
  /** 1-based line of the file where each row starts (`lines[i]` for `rows[i]`), for error messages. */
  readonly lines: number[];
}

/** Receives one record of a CSV text: its fields and the 1-based line where it starts. */
export type CsvRecordHandler = (fields: string[], line: number) => void;

/**
 * Parses RFC 4180 CSV: comma-separated, `"` quotes a field (`""` inside is one quote), quoted fields
 * may hold commas and newlines, CRLF or LF line ends, an optional final newline. The first record is
 * the header. Every record must have as many fields as the header: a ragged row is refused with its
 * line number rather than padded, since padding is how shifted columns go unnoticed.
 */
export function parseCsv(text: string, where: string): CsvTable {
  const header: string[][] = [];
  const rows: string[][] = [];
  const lines: number[] = [];
  forEachCsvRecord(text, where, (fields, line) => {
    if (header.length === 0) header.push(fields);
    else {
      rows.push(fields);
      lines.push(line);
    }
  });
  return { header: header[0]!, rows, lines };
}

/**
 * The records of a CSV text as {@link parseCsv} reads them (the header first, ragged rows and an
 * empty text refused the same way), one at a time: a caller that keeps typed values instead of the
 * text cells holds no field strings (1M x 20 cells as strings are ~1 GB of heap).
 */
export function forEachCsvRecord(text: string, where: string, onRecord: CsvRecordHandler): void {
  let width = -1;
  const checked: CsvRecordHandler = (fields, line) => {
    if (width < 0) width = fields.length;
    else if (fields.length !== width) throw invalid(`${where}:${line}`, `${width} fields (as in the header)`, `${fields.length} fields`);
    onRecord(fields, line);
  };
  if (text.indexOf('"') < 0) forEachUnquoted(text, checked);
  else forEachQuoted(text, where, checked);
  if (width < 0) throw invalid(where, 'a header line', 'an empty file');
}

function forEachQuoted(text: string, where: string, onRecord: CsvRecordHandler): void {
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // skip a UTF-8 byte-order mark
  const endRecord = (): void => {
    fields.push(field);
    onRecord(fields, recordLine);
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
}

// Text without a quote has one record per line and no escaped comma, so native split() reads it
// with the same result as the character loop, several times faster.
function forEachUnquoted(text: string, onRecord: CsvRecordHandler): void {
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop(); // a final line end opens no record
  for (let i = 0; i < lines.length; i++) onRecord(lines[i]!.split(','), i + 1);
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
