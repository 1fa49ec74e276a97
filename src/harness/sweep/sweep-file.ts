import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { invalid } from '../../library/errors/index';
import type { SweepTask } from './sweep-plan';

// sweep.json and tasks/<index>.json: the one module that knows their names, shapes, writers and
// readers. sweep.json is the plan (written once, before anything runs) and where it was sent;
// each task writes its own record when it ends. Every write is atomic (temp file + rename).

export const SWEEP_FILE = 'sweep.json';
export const SWEEP_FORMAT = 'paperlab.sweep/1';
const TASKS_DIR = 'tasks';

/** What each task asks a Slurm node for (config.yaml `slurm:`, flags over it, defaults filled). */
export interface SlurmRequest {
  partition?: string;
  timeMinutes: number;
  cpusPerTask: number;
  memoryMB: number;
  maxParallel?: number;
}

/** One `sbatch --array` of the sweep: the first, or a `--resume`. */
export interface Submission {
  jobId: string;
  /** Array task ids (= task indices) it holds. */
  tasks: number[];
  submittedAt: string;
}

export interface SweepFile {
  format: typeof SWEEP_FORMAT;
  paperId: string;
  /** Absolute: tasks on the nodes read the paper from here. */
  paperDir: string;
  /** The checkout tasks run from (absolute); on Slurm it must be the same path on every node. */
  checkout: string;
  createdAt: string;
  on: 'local' | 'slurm';
  /** Native threads (and Slurm CPUs) per task: the same on every backend, so results are too. */
  cpusPerTask: number;
  /** The replay cache is used (`--no-cache` turns it off). */
  cache: boolean;
  /** Failures are appended to the paper's failures.yaml on collect (`--no-failures` turns it off). */
  logFailures: boolean;
  seeds: number[];
  grid: Record<string, unknown[]>;
  fixed: Record<string, unknown>;
  tasks: SweepTask[];
  /** Slurm only: the unique job name every submission carries (how status finds a job whose id was never written). */
  jobName?: string;
  slurm?: SlurmRequest;
  submissions: Submission[];
}

/** How a task ended, written by the task itself (a task killed by Slurm writes none: its state is Slurm's). */
export interface TaskRecord {
  index: number;
  label: string;
  state: 'ok' | 'failed' | 'interrupted';
  /** The exit status the task's process ends with. */
  exitCode: number;
  host: string;
  /** SLURM_ARRAY_JOB_ID; null on the local pool. */
  jobId: string | null;
  startedAt: string;
  endedAt: string;
  seconds: number;
  /** The results came from the replay cache (run folder named). */
  cachedFrom?: string;
  /** The failure in one line (failed cell, kernel start, signal). */
  detail?: string;
}

const sweepSchema = {
  type: 'object',
  required: ['format', 'paperId', 'paperDir', 'checkout', 'createdAt', 'on', 'cpusPerTask', 'cache', 'logFailures', 'seeds', 'grid', 'fixed', 'tasks', 'submissions'],
  properties: {
    format: { const: SWEEP_FORMAT },
    on: { enum: ['local', 'slurm'] },
    cpusPerTask: { type: 'integer', minimum: 1 },
    tasks: {
      type: 'array',
      items: { type: 'object', required: ['index', 'label', 'seed', 'parameters'], properties: { index: { type: 'integer' }, label: { type: 'string' }, seed: { type: 'integer' }, parameters: { type: 'object' } } },
    },
    submissions: { type: 'array', items: { type: 'object', required: ['jobId', 'tasks', 'submittedAt'] } },
  },
} as const;
const recordSchema = {
  type: 'object',
  required: ['index', 'label', 'state', 'exitCode', 'host', 'jobId', 'startedAt', 'endedAt', 'seconds'],
  properties: { index: { type: 'integer' }, state: { enum: ['ok', 'failed', 'interrupted'] }, exitCode: { type: 'integer' }, seconds: { type: 'number' } },
} as const;
const ajv = new Ajv2020({ allErrors: false, strict: false });
const validSweep = ajv.compile(sweepSchema);
const validRecord = ajv.compile(recordSchema);

function readJson(path: string, what: string, valid: ValidateFunction): unknown {
  if (!existsSync(path)) throw invalid(path, what, 'no such file');
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw invalid(path, `${what} (JSON)`, (err as Error).message);
  }
  if (!valid(value)) {
    const e = valid.errors?.[0];
    throw invalid(`${path} ${e?.instancePath || '/'}`.trim(), `${what}: ${e?.message ?? 'valid'}`, e?.params ?? value);
  }
  return value;
}

/** The sweep folder's plan; an error names the file and field when it is not one. */
export function readSweep(sweepDir: string): SweepFile {
  return readJson(join(sweepDir, SWEEP_FILE), 'the plan `paperlab sweep` writes', validSweep) as SweepFile;
}

export function writeSweep(sweepDir: string, sweep: SweepFile): void {
  writeFileAtomic.sync(join(sweepDir, SWEEP_FILE), JSON.stringify(sweep, null, 2) + '\n');
}

export function isSweepDir(dir: string): boolean {
  return existsSync(join(dir, SWEEP_FILE));
}

function recordPath(sweepDir: string, index: number): string {
  return join(sweepDir, TASKS_DIR, `${index}.json`);
}

export function writeTaskRecord(sweepDir: string, record: TaskRecord): void {
  mkdirSync(join(sweepDir, TASKS_DIR), { recursive: true });
  writeFileAtomic.sync(recordPath(sweepDir, record.index), JSON.stringify(record, null, 2) + '\n');
}

/** The task's own record of how it ended, or undefined when it wrote none (not run, running, or killed). */
export function readTaskRecord(sweepDir: string, index: number): TaskRecord | undefined {
  const path = recordPath(sweepDir, index);
  return existsSync(path) ? (readJson(path, 'a sweep task record', validRecord) as TaskRecord) : undefined;
}

/** Every task record in the folder, by index. */
export function readTaskRecords(sweepDir: string): Map<number, TaskRecord> {
  const dir = join(sweepDir, TASKS_DIR);
  const out = new Map<number, TaskRecord>();
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const m = /^(\d+)\.json$/.exec(name);
    if (m) out.set(Number(m[1]), readTaskRecord(sweepDir, Number(m[1]))!);
  }
  return out;
}

/** Forgets a task's record (before `--resume` runs it again); unlinking is atomic. */
export function removeTaskRecord(sweepDir: string, index: number): void {
  rmSync(recordPath(sweepDir, index), { force: true });
}
