import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useBackend, backendInfo } from '../../../src/library/backend/index';
import { PaperlabError } from '../../../src/library/errors/index';

// Tests share one process (one TF.js engine), so they run in order and each states what it leaves active.
delete process.env.PAPERLAB_BACKEND;

function capture(): { lines: string[]; log: (line: string) => void } {
  const lines: string[] = [];
  return { lines, log: (line) => lines.push(line) };
}

test('automatic choice: native tensorflow if it registers, else wasm, printed as one line', async () => {
  const out = capture();
  const listeners = () => [process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')];
  const before = listeners();
  const info = await useBackend({ log: out.log });
  // wasm's Emscripten glue adds rethrowing process listeners that kill a tslab kernel: none may remain.
  assert.deepEqual(listeners(), before);
  const nativeHere = tf.engine().backendNames().includes('tensorflow');
  assert.equal(info.name, nativeHere ? 'tensorflow' : 'wasm');
  assert.equal(tf.getBackend(), info.name);
  assert.equal(info.tried[0].name, 'tensorflow');
  assert.equal(info.tried[info.tried.length - 1].ok, true);
  assert.equal(info.forcedBy, null);
  assert.equal(info.tfjsVersion, require('@tensorflow/tfjs/package.json').version);
  assert.equal(out.lines.length, 1);
  if (!nativeHere) {
    // This machine (and CI): the hoisted tfjs-node alias must not be mistaken for the native backend.
    assert.equal(out.lines[0], 'paperlab: TF.js backend wasm (tensorflow: not installed; wasm: ok)');
    assert.match(info.tried[0].detail ?? '', /@tensorflow\/tfjs-node: resolves to @tensorflow\/tfjs@4\.22\.0 \(an npm alias\)/);
    assert.equal(info.gpu, null);
    assert.equal(info.nativePackage, null);
    assert.deepEqual(info.wasm, { simd: true, multithread: false });
  } else {
    assert.equal(typeof info.gpu, 'boolean');
  }
  assert.equal(backendInfo(), info);
});

test('the chosen backend really runs ops: the output tensor lives on it', async () => {
  const info = backendInfo();
  assert.ok(info);
  const y = tf.tidy(() => tf.sum(tf.mul(tf.tensor1d([1, 2, 3]), tf.tensor1d([4, 5, 6]))));
  assert.equal(tf.engine().state.tensorInfo.get(y.dataId)?.backend, tf.engine().registry[info.name]);
  assert.deepEqual(Array.from(await y.data()), [32]);
  y.dispose();
});

test('a second call keeps the recorded choice and prints nothing', async () => {
  const out = capture();
  const first = backendInfo();
  const again = await useBackend({ log: out.log });
  assert.equal(again, first);
  assert.deepEqual(out.lines, []);
});

test('force: cpu switches to cpu, records the option, prints the new choice', async () => {
  const out = capture();
  const info = await useBackend({ force: 'cpu', log: out.log });
  assert.equal(info.name, 'cpu');
  assert.equal(info.forcedBy, 'option');
  assert.deepEqual(info.tried.map((a) => [a.name, a.ok]), [['cpu', true]]);
  assert.equal(tf.getBackend(), 'cpu');
  assert.deepEqual(out.lines, ['paperlab: TF.js backend cpu (cpu: ok)']);
  // Library code that later calls useBackend() without forcing must not undo the notebook's choice.
  assert.equal((await useBackend({ log: out.log })).name, 'cpu');
});

test('PAPERLAB_BACKEND forces a backend; the option wins over it', async () => {
  process.env.PAPERLAB_BACKEND = 'wasm';
  try {
    const info = await useBackend({ log: () => {} });
    assert.equal(info.name, 'wasm');
    assert.equal(info.forcedBy, 'PAPERLAB_BACKEND');
    assert.equal(tf.getBackend(), 'wasm');
    assert.equal((await useBackend({ force: 'cpu', log: () => {} })).name, 'cpu');
  } finally {
    delete process.env.PAPERLAB_BACKEND;
  }
});

test('concurrent calls are served one after the other, last one wins', async () => {
  // Unserialised, the middle call's setBackend interleaves with its neighbours' and fails.
  const quiet = { log: () => {} };
  const infos = await Promise.all([useBackend({ force: 'cpu', ...quiet }), useBackend({ force: 'wasm', ...quiet }), useBackend({ force: 'cpu', ...quiet })]);
  assert.deepEqual(infos.map((i) => i.name), ['cpu', 'wasm', 'cpu']);
  assert.equal(tf.getBackend(), 'cpu');
  assert.equal(backendInfo(), infos[2]);
});

test('an unknown backend name is a clear error naming where it came from', async () => {
  await assert.rejects(useBackend({ force: 'webgl' }), (err: unknown) => {
    assert.ok(err instanceof PaperlabError);
    assert.equal(err.message, 'useBackend({ force }): expected one of tensorflow, wasm, cpu, got webgl');
    return true;
  });
  process.env.PAPERLAB_BACKEND = 'gpu';
  try {
    await assert.rejects(useBackend(), { message: 'PAPERLAB_BACKEND: expected one of tensorflow, wasm, cpu, got gpu' });
  } finally {
    delete process.env.PAPERLAB_BACKEND;
  }
});

test('PAPERLAB_BACKEND=tensorflow without a native backend names the variable and what works', async () => {
  const before = tf.getBackend();
  process.env.PAPERLAB_BACKEND = 'tensorflow';
  try {
    if (tf.engine().backendNames().includes('tensorflow')) {
      // A machine with tfjs-node(-gpu): forcing it must simply work.
      assert.equal((await useBackend({ log: () => {} })).name, 'tensorflow');
      return;
    }
    await assert.rejects(useBackend(), (err: unknown) => {
      assert.ok(err instanceof PaperlabError);
      assert.match(err.message, /^PAPERLAB_BACKEND: expected a backend that works here \(wasm, cpu\), got tensorflow \(not installed: /);
      assert.match(err.message, /; unset PAPERLAB_BACKEND or choose wasm or cpu$/);
      return true;
    });
    // The failed attempt must not leave the engine on a half-initialised backend.
    assert.equal(tf.getBackend(), before);
    assert.deepEqual(Array.from(await tf.add(tf.scalar(1), tf.scalar(2)).data()), [3]);
  } finally {
    delete process.env.PAPERLAB_BACKEND;
  }
});
