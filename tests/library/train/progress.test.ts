import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../src/library/backend/index';
import { setRootSeed } from '../../../src/library/random/index';
import { progressMode, progressView, train } from '../../../src/library/train/index';
import { mse, regressionData, tinyModel } from './helpers';

before(async () => {
  await useBackend({ force: 'cpu', log: () => {} });
});

test('in a kernel, train draws one self-updating progress output with loss and budget time left', async () => {
  // What tslab does while a cell runs: src/display reads this writer to send display data.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jupyter = require('tslab/dist/jupyter') as { lastWriteDisplayData: unknown };
  const sent: Array<{ text: string; id?: string; update: boolean }> = [];
  jupyter.lastWriteDisplayData = (msg: { data: Record<string, unknown>; transient: { display_id?: string } }, update: boolean) =>
    sent.push({ text: String(msg.data['text/plain']), id: msg.transient.display_id, update });
  try {
    setRootSeed(41);
    const data = regressionData();
    const model = tinyModel();
    const optimizer = tf.train.sgd(0.05);
    await train({ model, loss: mse, optimizer, data, batchSize: 8, steps: 20, budget: { maxWallSeconds: 3600 }, record: false });
    model.dispose();
    optimizer.dispose();
    tf.dispose([data.x, data.y]);
  } finally {
    jupyter.lastWriteDisplayData = null;
  }
  const bars = sent.filter((m) => m.text.startsWith('train '));
  assert.ok(bars.length >= 2, `${bars.length} progress outputs`);
  assert.equal(new Set(bars.map((m) => m.id)).size, 1, 'one output, rewritten in place');
  assert.deepEqual(bars.map((m) => m.update), [false, ...bars.slice(1).map(() => true)]);
  assert.match(bars.at(-1)!.text, /^train █+ 20\/20 .* loss \S+ +budget s left 3[56]\d\d/);
});

test('a kernel interrupt (SIGINT) stops the loop between steps instead of leaving it running', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jupyter = require('tslab/dist/jupyter') as { lastWriteDisplayData: unknown };
  jupyter.lastWriteDisplayData = () => undefined;
  const listeners = process.listenerCount('SIGINT');
  try {
    setRootSeed(42);
    const data = regressionData();
    const model = tinyModel();
    const optimizer = tf.train.sgd(0.05);
    // tslab's own SIGINT handler only rejects the awaited cell promise; emit() reaches ours the same way.
    const evaluate = (_m: unknown, step: number) => (step === 6 && process.emit('SIGINT'), { val: step });
    const r = await train({ model, loss: mse, optimizer, data, batchSize: 8, steps: 50, evalEvery: 3, evaluate, record: false });
    assert.equal(r.status, 'interrupted');
    assert.equal(r.history.length, 6);
    model.dispose();
    optimizer.dispose();
    tf.dispose([data.x, data.y]);
  } finally {
    jupyter.lastWriteDisplayData = null;
  }
  assert.equal(process.listenerCount('SIGINT'), listeners, 'the SIGINT listener is removed');
});

test('on a TTY, a cli-progress bar shows steps, loss, speed, ETA and budget left', () => {
  let out = '';
  const stream = new Writable({ write(chunk, _enc, done) { out += String(chunk); done(); } }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY: true, columns: 200 });
  const view = progressView('tty', 20, 5, stream);
  view.tick({ step: 12, loss: 0.123456, wallLeftSeconds: 42.4 });
  view.done();
  assert.match(out, /train .* 12\/20 \| loss 0\.1235 \| [\d.]+ steps\/s \| ETA \S+ \| budget 42 s left/);
  const noWall = progressView('tty', 20, 0, stream);
  noWall.tick({ step: 3, loss: 1 });
  noWall.done();
  assert.match(out, /budget no wall limit/);
});

test('progress goes nowhere when off, and outside a kernel only to a TTY', () => {
  assert.equal(progressMode(false), 'none');
  assert.equal(progressMode(true), process.stderr.isTTY ? 'tty' : 'none');
});

test('after a resume the kernel line counts this call\'s steps, so speed and ETA hold', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jupyter = require('tslab/dist/jupyter') as { lastWriteDisplayData: unknown };
  const sent: string[] = [];
  jupyter.lastWriteDisplayData = (msg: { data: Record<string, unknown> }) => sent.push(String(msg.data['text/plain']));
  try {
    const view = progressView('kernel', 40, 30);
    view.tick({ step: 35, loss: 0.5 });
    view.done();
  } finally {
    jupyter.lastWriteDisplayData = null;
  }
  assert.match(sent.at(-1)!, /^train \(resumed at step 30\) █+░+ 5\/10 /);
});
