import { readNotebook, sourceOf } from '../runner/index';

/** Where a line of the analysed text came from. */
export interface Place {
  /** 1-based code cell number (markdown cells not counted); notebooks only. */
  cell?: number;
  /** Index in the notebook's `cells` array; notebooks only. */
  cellIndex?: number;
  /** 1-based line within the cell or file. */
  line: number;
}

/** The text the check parses, and how to map its lines back to cells. */
export interface CodeSource {
  file: string;
  text: string;
  /** 0-based line of the text → where it came from. */
  place(line0: number): Place;
}

// tslab runs TypeScript cells; a line magic (`%…`) or shell escape (`!…`) is blanked so the parse
// stays valid and every other line keeps its number.
const MAGIC_LINE = /^[ \t]*[%!].*$/gm;

/**
 * A notebook's code cells as one TypeScript text, in order: the cells run top to bottom in one
 * kernel and share its scope, so a variable of cell 2 is the same variable in cell 5.
 */
export function notebookSource(path: string): CodeSource {
  const cells = readNotebook(path).cells.map((c, cellIndex) => ({ cellIndex, code: c.cell_type === 'code', text: sourceOf(c) }));
  return cellsSource(path, cells.filter((c) => c.code));
}

/** Code cells (with their index in the notebook's `cells`) as one text; `file` names them in findings. */
export function cellsSource(file: string, cells: ReadonlyArray<{ cellIndex: number; text: string }>): CodeSource {
  const starts: Array<{ line0: number; cell: number; cellIndex: number }> = [];
  const chunks: string[] = [];
  let line0 = 0;
  cells.forEach(({ cellIndex, text: raw }, k) => {
    const text = raw.replace(MAGIC_LINE, '');
    starts.push({ line0, cell: k + 1, cellIndex });
    chunks.push(text.endsWith('\n') ? text : `${text}\n`);
    line0 += chunks.at(-1)!.split('\n').length - 1;
  });
  return {
    file,
    text: chunks.join(''),
    place(line: number): Place {
      const s = [...starts].reverse().find((x) => x.line0 <= line) ?? { line0: 0, cell: 1, cellIndex: 0 };
      return { cell: s.cell, cellIndex: s.cellIndex, line: line - s.line0 + 1 };
    },
  };
}

/** A .ts file of the paper folder: its own scope, lines as they are. */
export function fileSource(path: string, text: string): CodeSource {
  return { file: path, text, place: (line: number) => ({ line: line + 1 }) };
}
