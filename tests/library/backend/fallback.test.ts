import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useBackend, probeBackends } from '../../../src/library/backend/index';

// A process of its own (node --test runs each file separately): these tests break the wasm backend on purpose.
delete process.env.PAPERLAB_BACKEND;

test('a backend whose initialisation fails is skipped by the boolean of setBackend, not trusted', async () => {
  // Load the real wasm package first, then replace its factory with one that fails like a missing .wasm file.
  require('@tensorflow/tfjs-backend-wasm');
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', async () => {
    throw new Error('simulated: tfjs-backend-wasm.wasm not found');
  }, 2);
  const warn = console.warn;
  console.warn = () => {}; // TF.js logs the failed initialisation; expected here
  try {
    const lines: string[] = [];
    const info = await useBackend({ log: (l) => lines.push(l) });
    assert.equal(info.name, tf.engine().backendNames().includes('tensorflow') ? 'tensorflow' : 'cpu');
    if (info.name === 'cpu') {
      assert.deepEqual(info.tried.map((a) => `${a.name}: ${a.reason}`), ['tensorflow: not installed', 'wasm: setBackend returned false', 'cpu: ok']);
      assert.equal(lines[0], 'paperlab: TF.js backend cpu (tensorflow: not installed; wasm: setBackend returned false; cpu: ok)');
    }
    assert.equal(tf.getBackend(), info.name);
  } finally {
    console.warn = warn;
  }
});

test('forcing the broken backend is an error that lists only what works', async () => {
  const warn = console.warn;
  console.warn = () => {};
  try {
    await assert.rejects(useBackend({ force: 'wasm' }), (err: Error) => {
      assert.match(err.message, /^useBackend\(\{ force \}\): expected a backend that works here \((tensorflow, )?cpu\), got wasm \(setBackend returned false/);
      assert.match(err.message, /drop the force option or choose (tensorflow or )?cpu$/);
      return true;
    });
    const probes = await probeBackends();
    assert.deepEqual(probes.map((p) => [p.name, p.ok]).slice(1), [['wasm', false], ['cpu', true]]);
  } finally {
    console.warn = warn;
  }
});

test('a package that does not register the backend counts as not installed', async () => {
  tf.removeBackend('wasm'); // the package is cached by require, so loading it again registers nothing
  const [, wasm] = await probeBackends();
  assert.equal(wasm.ok, false);
  assert.equal(wasm.reason, 'not installed');
  assert.equal(wasm.detail, '@tensorflow/tfjs-backend-wasm loaded but registered no wasm backend');
});
