import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { appendFailure, checkFailureLog, FAILURE_LOG_HEADER, PaperFileError, readFailureLog, type NewFailure } from '../../../src/library/paper-files/index';
import { failuresFromRun } from '../../../src/harness/reproduce/index';
import { executeNotebook, PROJECT_ROOT } from '../../../src/harness/runner/index';
import { makeNotebook } from '../../harness/runner/fixtures';

const tempLog = () => join(mkdtempSync(join(tmpdir(), 'paperlab-failures-')), 'failures.yaml');

const NAN: NewFailure = {
  commit: '0123abc',
  seed: 2,
  parameters: { steps: 100, lr: 0.1 },
  where: { cell: 7, cellId: 'train', step: 41 },
  kind: 'nan',
  symptom: 'loss became NaN at step 41\nlast finite loss 3.2e8',
};

describe('appendFailure', () => {
  test('creates the log with its header, fills id, date and status, and reads back', () => {
    const path = tempLog();
    const before = Date.now();
    const written = appendFailure(path, NAN);
    assert.equal(written.id, 'F1');
    assert.equal(written.status, 'open');
    assert.ok(Date.parse(written.date) >= before - 1000 && /Z$/.test(written.date), written.date);
    const text = readFileSync(path, 'utf8');
    assert.ok(text.startsWith(`#${FAILURE_LOG_HEADER.split('\n')[0]}\n`), text);
    assert.match(text, /symptom: \|-\n {4}loss became NaN at step 41\n {4}last finite loss 3\.2e8\n/, 'multi-line symptoms stay readable');
    assert.deepEqual(readFailureLog(path), [{ id: 'F1', date: written.date, commit: '0123abc', seed: 2, kind: 'nan', where: NAN.where, parameters: NAN.parameters, symptom: NAN.symptom, status: 'open' }]);
  });

  test("keeps existing entries, people's comments and analysis as written; numbers ids on", () => {
    const path = tempLog();
    const existing = [
      '# Failure log of demo-paper',
      '',
      '- id: F3   # renumbered by hand',
      '  date: 2026-11-01T10:00:00Z',
      "  commit: 'abcdef1-dirty'",
      '  seed: 0',
      '  parameters: {}',
      '  where: { cell: 2 }',
      '  kind: cell-error',
      '  symptom: TypeError in the data cell',
      '  # the loader changed its API',
      '  suspectedCause: loader update',
      '  status: fixed',
      '  analysis: >',
      '    Pinned the loader; see commit abcdef1.',
      '',
    ].join('\n');
    writeFileSync(path, existing);
    const second = appendFailure(path, { ...NAN, kind: 'claim-not-met', claim: 'test-acc', seed: undefined, symptom: 'test_accuracy 0.71 vs 0.89 (tolerance rel 0.05)' });
    assert.equal(second.id, 'F4');
    const text = readFileSync(path, 'utf8');
    assert.ok(text.startsWith(existing.trimEnd()), `the existing text is kept byte for byte:\n${text}`);
    const log = readFailureLog(path);
    assert.deepEqual(log.map((e) => [e.id, e.kind, e.status, e.seed]), [['F3', 'cell-error', 'fixed', 0], ['F4', 'claim-not-met', 'open', undefined]]);
    assert.equal(log[0]!.analysis, 'Pinned the loader; see commit abcdef1.\n');
  });

  test('an empty or comment-only log, or `[]`, turns into a block list', () => {
    for (const start of ['', '# only a comment\n', '# header\n[]\n']) {
      const path = tempLog();
      writeFileSync(path, start);
      appendFailure(path, NAN);
      const text = readFileSync(path, 'utf8');
      assert.match(text, /^- id: F1$/m, text);
      assert.ok(text.startsWith(start.replace('[]\n', '')), text);
      assert.equal(readFailureLog(path).length, 1);
    }
  });

  test('an invalid entry is refused with every problem, and the log is left untouched', () => {
    const path = tempLog();
    appendFailure(path, NAN);
    const before = readFileSync(path, 'utf8');
    const bad = { ...NAN, commit: 'HEAD', kind: 'nann', symptom: '', where: { cel: 3 } } as unknown as NewFailure;
    assert.throws(() => appendFailure(path, bad), (err: unknown) => {
      assert.ok(err instanceof PaperFileError);
      const messages = err.issues.map((i) => i.message);
      assert.deepEqual(messages, [
        `${path} (new entry) commit: expected a git commit (7-40 lowercase hex digits, optionally "-dirty") or "unknown", got "HEAD"`,
        `${path} (new entry) where.cel: expected a known key (cell, cellId, step), got the unknown key "cel"; did you mean "cell"?`,
        `${path} (new entry) kind: expected one of "cell-error", "timeout", "kernel-died", "kernel-start", "over-budget", "nan", "claim-not-met", "other", got "nann"; did you mean "nan"?`,
        `${path} (new entry) symptom: expected a non-empty string, got ""`,
      ]);
      return true;
    });
    assert.equal(readFileSync(path, 'utf8'), before);
    assert.equal(existsSync(`${path}.lock`), false, 'the lock is released after a refusal');
  });

  test('a log that is not a list is not touched', () => {
    const path = tempLog();
    writeFileSync(path, 'entries:\n  - id: F1\n');
    assert.throws(() => appendFailure(path, NAN), /failures\.yaml:1: expected a list of entries, got a mapping or a value; nothing was appended$/);
    assert.equal(readFileSync(path, 'utf8'), 'entries:\n  - id: F1\n');
  });

  test('parallel appends from several processes lose no entry', async () => {
    const path = tempLog();
    const script = `import { appendFailure } from './src/library/paper-files/index';\nfor (let k = 0; k < 5; k++) appendFailure(process.argv[2], { commit: 'unknown', seed: Number(process.argv[3]), parameters: {}, where: { step: k }, kind: 'other', symptom: 'writer ' + process.argv[3] + ' #' + k });\n`;
    const file = join(mkdtempSync(join(tmpdir(), 'paperlab-writer-')), 'writer.ts');
    writeFileSync(file, script.replace("'./src/library/paper-files/index'", JSON.stringify(join(PROJECT_ROOT, 'src/library/paper-files/index'))));
    const runs = [0, 1, 2, 3].map(
      (seed) =>
        new Promise<number>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', file, path, String(seed)], { cwd: PROJECT_ROOT, stdio: 'inherit' });
          child.on('exit', (code) => resolve(code ?? -1));
        }),
    );
    assert.deepEqual(await Promise.all(runs), [0, 0, 0, 0]);
    const log = readFailureLog(path);
    assert.equal(log.length, 20);
    assert.deepEqual(new Set(log.map((e) => e.id)).size, 20, 'ids stay unique');
    assert.deepEqual(log.map((e) => e.symptom).sort(), [0, 1, 2, 3].flatMap((s) => [0, 1, 2, 3, 4].map((k) => `writer ${s} #${k}`)).sort());
  });
});

describe('readFailureLog', () => {
  test('a missing file is an empty log', () => {
    assert.deepEqual(readFailureLog(tempLog()), []);
  });

  test('names the line and field of every bad entry, and repeated ids', () => {
    const path = tempLog();
    const lines = [
      '- id: F1',
      '  date: 2026-11-01',
      '  commit: unknown',
      '  parameters: {}',
      '  where: {}',
      '  kind: nan',
      '  symptom: x',
      '  status: done',
      '- id: F1',
      '  date: 2026-11-01T10:00:00Z',
      '  commit: unknown',
      '  parameters: {}',
      '  where: {}',
      '  kind: other',
      '  symptom: y',
    ];
    writeFileSync(path, lines.join('\n') + '\n');
    assert.deepEqual(checkFailureLog(path).issues.map((i) => i.message), [
      `${path}:2 [0].date: expected an ISO 8601 date and time with zone, e.g. "2026-11-23T13:30:00Z", got "2026-11-01"`,
      `${path}:8 [0].status: expected one of "open", "explained", "fixed", "wont-fix", got "done"`,
      `${path}:9 [1].id: expected an id used once, got "F1" again (first at [0])`,
    ]);
    assert.throws(() => readFailureLog(path), PaperFileError);
  });
});

describe('failures.yaml goes through the same reader as config.yaml', () => {
  test('a log over 1 MiB is refused by its size, and appendFailure leaves it untouched', () => {
    const path = tempLog();
    const text = `- id: F1\n  symptom: "${'y'.repeat(1024 * 1024)}"\n`;
    writeFileSync(path, text);
    const { entries, issues } = checkFailureLog(path);
    assert.equal(entries, undefined);
    assert.deepEqual(issues.map((i) => i.message), [
      `${path}: expected a YAML file of at most 1 MiB (1048576 bytes), got ${Buffer.byteLength(text)} bytes (1.0 MiB); keep data and logs out of failures.yaml`,
    ]);
    assert.throws(() => appendFailure(path, NAN), /failures\.yaml: expected a YAML file of at most 1 MiB/);
    assert.equal(readFileSync(path, 'utf8'), text);
  });

  test('a duplicate key is named with both lines; a control character is shown escaped', () => {
    const path = tempLog();
    writeFileSync(path, '- id: F1\n  kind: nan\n  kind: other\n');
    assert.deepEqual(checkFailureLog(path).issues.map((i) => i.message), [
      `${path}:3:3 [0].kind: expected each key once in a mapping, got the key "kind" again (first at line 2)`,
    ]);
    writeFileSync(path, '- id: F1\n  symptom: "\u001b[31mred"\n');
    assert.deepEqual(checkFailureLog(path).issues.map((i) => i.message), [
      `${path}:2:13: expected a YAML list of entries (- id: F1 …), or [] when empty (UTF-8 text without control characters), got the control character U+001B in "… id: F1\\n  symptom: \\"\\u001b[31mred\\"\\n"`,
    ]);
  });
});

describe('failuresFromRun', () => {
  test('a failing cell and a NaN record of a real kernel run become log entries; a censored NaN does not', async () => {
    const input = makeNotebook([
      { source: 'const seed = 0;\nconst lr = 0.1;', tags: ['parameters'] },
      "import { record } from './src/index';\nrecord('train_loss', Number.NaN);\nrecord('steps_to_99', Number.NaN, { censored: 'never reached 99 % in 3 steps' });\nrecord('steps_done', 3);",
      "throw new Error('loss exploded at step 3');",
      "record('never', 1);",
    ]);
    const result = await executeNotebook({ input, parameters: { seed: 4, lr: 0.5 }, cellTimeoutMs: 120_000 });
    assert.equal(result.ok, false);
    const entries = failuresFromRun(result, 'abcdef0', 'papers/demo-paper/runs/x');
    const path = tempLog();
    entries.forEach((e) => appendFailure(path, e));
    const log = readFailureLog(path);
    assert.deepEqual(log.map((e) => [e.id, e.kind, e.seed, e.where.cell, e.run]), [
      ['F1', 'cell-error', 4, result.failure!.cell, 'papers/demo-paper/runs/x'],
      ['F2', 'nan', 4, result.records[0]!.cell, 'papers/demo-paper/runs/x'],
    ]);
    assert.match(log[0]!.symptom, /loss exploded at step 3/);
    assert.equal(log[1]!.symptom, 'record train_loss = NaN');
    assert.deepEqual(log[0]!.parameters, { seed: 4, lr: 0.5 });
    assert.equal(result.records[1]!.censored, 'never reached 99 % in 3 steps', 'the reason travels with the record into results.json');
  });

  test('timeouts and dead kernels map to their kinds; long error texts are cut', () => {
    const outcome = (status: string, errorText = '') => ({ parameters: {}, outputDir: 'runs/x', records: [], failure: { cell: 2, cellId: '', status, detail: 'd', errorText } });
    assert.deepEqual(failuresFromRun(outcome('timeout'), 'unknown').map((e) => [e.kind, e.where, e.seed]), [['timeout', { cell: 2 }, undefined]]);
    assert.equal(failuresFromRun(outcome('dead'), 'unknown')[0]!.kind, 'kernel-died');
    const long = failuresFromRun(outcome('error', 'x'.repeat(10_000)), 'unknown')[0]!.symptom;
    assert.match(long, /^d\nx{3998}\n… \(6002 more characters in the run folder\)$/);
    assert.deepEqual(failuresFromRun({ parameters: {}, outputDir: 'r', records: [{ name: 'acc', value: 0.5, cell: 1, cellId: 'c' }] }, 'unknown'), []);
  });
});
