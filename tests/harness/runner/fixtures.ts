import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type CellSpec = string | { source: string; tags?: string[]; markdown?: boolean };

/** Writes a small notebook for the paperlab kernel into a fresh temp folder; returns its path. */
export function makeNotebook(cells: CellSpec[], name = 'fixture.ipynb'): string {
  const dir = mkdtempSync(join(tmpdir(), 'paperlab-nb-'));
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'paperlab', display_name: 'TypeScript (paperlab)', language: 'typescript' } },
    cells: cells.map((spec, i) => {
      const c = typeof spec === 'string' ? { source: spec } : spec;
      return c.markdown
        ? { cell_type: 'markdown', id: `m${i}`, metadata: {}, source: c.source }
        : { cell_type: 'code', id: `c${i}`, execution_count: null, metadata: c.tags ? { tags: c.tags } : {}, outputs: [], source: c.source };
    }),
  };
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(nb, null, 1));
  return path;
}
