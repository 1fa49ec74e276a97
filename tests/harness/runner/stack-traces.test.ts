import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Kernel, PROJECT_ROOT } from '../../../src/harness/runner/index';

// A failing cell on the real kernel: the library's code reaches the kernel as CommonJS transpiled
// from .ts (library-cache.js), whose lines differ from the source's (imports and types go). The
// trace must name the .ts file and the line of the source, found here by its text.

/** The 1-based line of `file` (relative to the root) that contains `needle`; it must be unique. */
function lineOf(file: string, needle: string): number {
  const lines = readFileSync(join(PROJECT_ROOT, file), 'utf8').split('\n');
  const hits = lines.flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
  assert.equal(hits.length, 1, `${file}: expected one line containing ${JSON.stringify(needle)}, found ${hits.length}`);
  return hits[0]!;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('an error thrown inside library code names the .ts files and source lines it passed through', async () => {
  const kernel = await Kernel.start();
  try {
    const out = await kernel.execute("import { splits } from './src/index';\nsplits.kfold({ nSplits: 1 });");
    assert.equal(out.status, 'error');
    const text = out.errorText ?? '';
    assert.match(text, /PaperlabError: kfold nSplits: expected an integer >= 2, got 1/);
    const frames: Array<[string, string, string]> = [
      ['checkInt', 'src/library/splits/validate.ts', 'throw invalid(`${who} ${name}`, `an integer >= ${min}`'],
      ['new KFold', 'src/library/splits/kfold.ts', "super(who, checkInt(who, 'nSplits'"],
      ['Object.kfold', 'src/library/splits/kfold.ts', 'return new KFold(opts);'],
    ];
    for (const [fn, file, needle] of frames) {
      const line = lineOf(file, needle);
      assert.match(text, new RegExp(`at ${escape(fn)} \\(${escape(join(PROJECT_ROOT, file))}:${line}:\\d+\\)`), `${fn} at ${file}:${line} in:\n${text}`);
    }
    // Node's own header above the trace quotes the source line too, not the transpiled one.
    assert.match(text, new RegExp(`^${escape(join(PROJECT_ROOT, 'src/library/splits/validate.ts'))}:${lineOf('src/library/splits/validate.ts', 'an integer >= ${min}')}\\n\\s*throw invalid\\(`));
    assert.doesNotMatch(text, /\/src\/[^\s:)]*\.js:\d+/, 'no frame names a .js file of the project');
  } finally {
    await kernel.shutdown();
  }
});

test('frames inside tfjs stay on its installed files (its source maps are not loaded)', async () => {
  const kernel = await Kernel.start();
  try {
    const out = await kernel.execute("import * as tf from '@tensorflow/tfjs';\ntf.tensor([1, 2]).reshape([3]);");
    assert.equal(out.status, 'error');
    assert.match(out.errorText ?? '', /node_modules\/@tensorflow\/tfjs[^\s:)]*\/dist\/[^\s:)]+\.js:\d+/);
  } finally {
    await kernel.shutdown();
  }
});
