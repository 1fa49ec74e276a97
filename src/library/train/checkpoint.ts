import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import writeFileAtomic from 'write-file-atomic';
import type { BudgetUsage } from '../budget/index';
import { PaperlabError, invalid } from '../errors/index';
import type { Model } from '../models/index';
import type { HistoryEntry } from './types';

/** Version tag of checkpoint files. */
export const CHECKPOINT_FORMAT = 'paperlab.checkpoint/1';
/** File name inside the checkpoint folder; replaced atomically (temp file + rename) on every save. */
export const CHECKPOINT_FILE = 'checkpoint.json';

/** A tensor as stored: raw little-endian bytes in base64, so values come back bit for bit. */
export interface StoredTensor {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  data: string;
}

/** Everything a resume needs. The batch order is a function of the step, so no RNG state is stored. */
export interface CheckpointState {
  format: typeof CHECKPOINT_FORMAT;
  /** Steps done. */
  step: number;
  model: string;
  /** Seed string of the batch stream, batch size, examples, dropLast: a resume with others would not replay. */
  batches: { seed: string; batchSize: number | 'full'; nSamples: number; dropLast: boolean };
  params: StoredTensor[];
  optimizer: { className: string; weights: StoredTensor[]; extra: StoredTensor[] };
  history: HistoryEntry[];
  earlyStop?: { best: number; since: number };
  usage: BudgetUsage;
  savedAt: string;
}

/** The checkpoint folder: `dir`, else `$PAPERLAB_RUN_DIR/checkpoints`; throws when neither is set. */
export function checkpointDir(dir?: string): string {
  if (dir) return dir;
  const runDir = process.env.PAPERLAB_RUN_DIR;
  if (runDir) return join(runDir, 'checkpoints');
  throw invalid('train(checkpoint.dir)', 'a folder (or PAPERLAB_RUN_DIR set, as the notebook runner does)', 'none');
}

async function store(name: string, t: tf.Tensor): Promise<StoredTensor> {
  if (t.dtype !== 'float32' && t.dtype !== 'int32') throw invalid(`checkpoint tensor ${name}`, 'dtype float32 or int32', t.dtype);
  const values = (await t.data()) as Float32Array | Int32Array;
  return { name, shape: [...t.shape], dtype: t.dtype, data: Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64') };
}

function revive(s: StoredTensor): tf.Tensor {
  const bytes = Buffer.from(s.data, 'base64');
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return tf.tensor(s.dtype === 'int32' ? new Int32Array(buffer) : new Float32Array(buffer), s.shape, s.dtype);
}

/**
 * Optimizer state that `getWeights()` leaves out but the update uses: scalar variables such as
 * Adam's `accBeta1`/`accBeta2`. tfjs's `setWeights` recomputes those as beta^(t+1), which differs
 * in the last bits from the product accumulated step by step; restoring them makes a resume exact.
 */
function extraVariables(optimizer: tf.Optimizer): Array<[string, tf.Variable]> {
  return Object.entries(optimizer).filter((e): e is [string, tf.Variable] => e[1] instanceof tf.Variable);
}

/** Writes the state atomically to `<dir>/checkpoint.json` and returns the path. */
export async function saveCheckpoint(
  dir: string,
  parts: Omit<CheckpointState, 'format' | 'params' | 'optimizer' | 'savedAt' | 'model'> & { model: Model; optimizer: tf.Optimizer },
): Promise<string> {
  const { model, optimizer, ...rest } = parts;
  const weights = await optimizer.getWeights();
  const state: CheckpointState = {
    format: CHECKPOINT_FORMAT,
    ...rest,
    model: model.describe(),
    params: await Promise.all(model.params.map((p) => store(p.name, p))),
    optimizer: {
      className: optimizer.getClassName(),
      weights: await Promise.all(weights.map((w) => store(w.name, w.tensor))),
      extra: await Promise.all(extraVariables(optimizer).map(([k, v]) => store(k, v))),
    },
    savedAt: new Date().toISOString(),
  };
  weights.filter((w) => w.name === 'iter').forEach((w) => w.tensor.dispose()); // saveIterations() makes a new scalar
  mkdirSync(dir, { recursive: true });
  const path = join(dir, CHECKPOINT_FILE);
  writeFileAtomic.sync(path, JSON.stringify(state, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)));
  return path;
}

/** The checkpoint in `dir`, or undefined when there is none. */
export function loadCheckpoint(dir: string): CheckpointState | undefined {
  const path = join(dir, CHECKPOINT_FILE);
  if (!existsSync(path)) return undefined;
  const state = JSON.parse(readFileSync(path, 'utf8'), (_k, v) => (v === 'NaN' || v === 'Infinity' || v === '-Infinity' ? Number(v) : v));
  if (state?.format !== CHECKPOINT_FORMAT) throw invalid(path, `a ${CHECKPOINT_FORMAT} file`, state?.format ?? typeof state);
  return state as CheckpointState;
}

/** A parameter's name without its model scope (`mlp_2/layer0/kernel` -> `layer0/kernel`): scopes change when a cell is re-run. */
function unscoped(name: string): string {
  return name.replace(/^[^/]*\//, '');
}

/**
 * Puts the checkpoint's parameters and optimizer state into `model` and `optimizer` (fresh, not yet
 * stepped). Parameters are matched by position, shape and name without the model's scope.
 */
export async function restoreCheckpoint(state: CheckpointState, model: Model, optimizer: tf.Optimizer, where: string): Promise<void> {
  const names = model.params.map((p) => `${unscoped(p.name)}${JSON.stringify(p.shape)}`);
  const stored = state.params.map((p) => `${unscoped(p.name)}${JSON.stringify(p.shape)}`);
  if (names.join(', ') !== stored.join(', ')) throw mismatch(where, `parameters ${names.join(', ')}`, stored.join(', '));
  if (optimizer.getClassName() !== state.optimizer.className) {
    throw mismatch(where, `optimizer ${optimizer.getClassName()}`, state.optimizer.className);
  }
  state.params.forEach((s, i) => assignStored(model.params[i]!, s));
  // Slots are named after their variable (`<param>/m`): rename them to this model's variables.
  const rename = (n: string): string => {
    const i = state.params.findIndex((p) => n.startsWith(`${p.name}/`));
    return i < 0 ? n : model.params[i]!.name + n.slice(state.params[i]!.name.length);
  };
  const weights = state.optimizer.weights.map((s) => ({ name: rename(s.name), tensor: revive(s) }));
  if (weights.length > 0) await optimizer.setWeights(weights);
  weights.forEach((w) => w.tensor.dispose());
  const extras = new Map(extraVariables(optimizer));
  for (const s of state.optimizer.extra) {
    const v = extras.get(s.name);
    if (v) assignStored(v, s);
  }
}

function assignStored(v: tf.Variable, s: StoredTensor): void {
  const value = revive(s);
  v.assign(value);
  value.dispose();
}

function mismatch(where: string, expected: string, received: string): PaperlabError {
  return invalid(where, `a checkpoint of this run (${expected})`, received, 'delete the checkpoint folder or point checkpoint.dir elsewhere');
}
