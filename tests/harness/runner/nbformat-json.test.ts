import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { nbformatJson, PAPERLAB_NOTEBOOK_METADATA, PROJECT_ROOT } from '../../../src/harness/runner/index';
import { scaffoldPaper } from '../../../src/harness/scaffold/index';

// The project's notebook writer against the Jupyter server's own (Debian's nbformat, as the
// Notebook server calls it): the same text, byte for byte, on content chosen to differ if either
// side splits, escapes, sorts or prints numbers another way.

/** What nbformat.write saves for the notebook in `text` (read as the server reads it). */
function serverWrites(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'paperlab-nbformat-')), 'nb.ipynb');
  writeFileSync(file, text);
  execFileSync('/usr/bin/python3', ['-c', 'import nbformat, sys\nnb = nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT)\nnbformat.write(nb, sys.argv[1])', file]);
  return readFileSync(file, 'utf8');
}

test('nbformatJson writes what the Jupyter server writes: line splits, escapes, key order, numbers', () => {
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { zeta: 1, kernelspec: { name: 'paperlab', display_name: 'TypeScript (paperlab)', language: 'typescript' }, alpha: [], signature: 'sha256:x' },
    cells: [
      { cell_type: 'markdown', id: 'm', metadata: { trusted: true }, source: 'héllo ✓ "q" \\ tab\tend\nsecond\r\nthird\rfourth\u2028fifth\n' },
      { cell_type: 'code', id: 'c', execution_count: null, metadata: {}, source: ['a\n', '', 'b'], outputs: [
        { output_type: 'stream', name: 'stdout', text: 'x\ny\n\n' },
        { output_type: 'display_data', metadata: {}, data: { 'text/plain': 'one\ntwo', 'application/json': { v: [1e-7, 1.5, 2e21, -3, 0.1, 12345678901234567890] }, 'application/vnd.plotly.v1+json': { y: [1e-300] }, 'text/html': '<b>\u0001</b>\n' } },
      ] },
      { cell_type: 'code', id: 'e', execution_count: null, metadata: {}, source: '', outputs: [] },
    ],
  };
  const text = nbformatJson(nb);
  assert.equal(text, serverWrites(JSON.stringify(nb)));
  assert.equal(nbformatJson(JSON.parse(text)), text, 'a written notebook writes again the same');
});

test('every tracked notebook is in that form, with the metadata the UI writes for the paperlab kernel', () => {
  const tracked = execFileSync('git', ['ls-files', '*.ipynb'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
  assert.ok(tracked.length > 0);
  for (const rel of tracked) {
    const text = readFileSync(join(PROJECT_ROOT, rel), 'utf8');
    const nb = JSON.parse(text) as { metadata: Record<string, unknown> };
    assert.equal(nbformatJson(nb), text, `${rel}: not in nbformat's written form (rewrite it with nbformatJson)`);
    assert.deepEqual({ kernelspec: nb.metadata.kernelspec, language_info: nb.metadata.language_info }, PAPERLAB_NOTEBOOK_METADATA, `${rel}: metadata`);
  }
});

test('`paperlab new` writes its notebook in that form, with that metadata', () => {
  const { dir } = scaffoldPaper(mkdtempSync(join(tmpdir(), 'paperlab-root-')), 'demo-paper');
  const text = readFileSync(join(dir, 'reproduce.ipynb'), 'utf8');
  assert.equal(serverWrites(text), text);
  assert.deepEqual((JSON.parse(text) as { metadata: unknown }).metadata, PAPERLAB_NOTEBOOK_METADATA);
});
