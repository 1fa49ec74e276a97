import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { readNotebook, sourceOf, tagsOf } from '../runner/notebook-file';
import { PROJECT_ROOT } from '../runner/kernelspec';
import { CONFIG_FILE } from '../../library/paper-files/index';
import type { JsonValue } from '../../library/paper-files/index';
import { ADDON_PATH, nativeTurnedOff, sourcesDigest, STAMP_PATH, THREADS_ENV_VAR } from '../../library/native/index';
import { codeDependencies, keyPath } from './import-closure';

// A replay's key: the digest of everything its results depend on, with the parts named so that a
// changed key says why it changed. Two replays with one key run the same code on the same inputs,
// environment and compute path, so the second may reuse the first's results (replay-cache.ts).

/** Bump when what a key covers changes: every stored replay then misses once. */
export const REPLAY_KEY_FORMAT = 'paperlab.replay-key/1';

/** Where the runner's own code lives: a change there re-runs everything, on purpose. */
const RUNNER_DIR = join('src', 'harness', 'runner');
const DATA_MANIFEST = join('data', 'manifest.yaml');
const ENVIRONMENT_LOCK = 'environment.lock';
/** src/library/backend's BACKEND_ENV_VAR, spelled out: importing it would load TF.js into the harness (a test keeps the two equal). */
export const BACKEND_VARIABLE = 'PAPERLAB_BACKEND';

/** The compute path the kernels will take, as far as it changes numbers. */
export interface BackendPart {
  native: 'on' | 'off';
  /** Digest of the addon's sources (its build stamp) when native is on. */
  nativeSources: string | null;
  /** PAPERLAB_THREADS, else every core: the native path's thread count. */
  threads: number | null;
  /** PAPERLAB_BACKEND, which overrides the notebook's backend choice. */
  backendVariable: string | null;
  node: string;
}

/** The parts of a key that do not depend on the seed or parameters: one per notebook and run. */
export interface NotebookKeyParts {
  /** Digest of the code cells (source and tags, in order) and the kernel's name; markdown and outputs do not count. */
  notebookCode: string;
  /** Every project file the code depends on (per imported name) and the paper folder's code: path → sha256. */
  files: Record<string, string>;
  /** sha256 of the paper's config.yaml. */
  config: string;
  /** sha256 of environment.lock (package versions, package-lock digest), or 'missing'. */
  environmentLock: string;
  /** sha256 of data/manifest.yaml (datasets load by it and check their files' sha256). */
  dataManifest: string;
  /** sha256 over the runner's code (src/harness/runner/**, the kernel's launcher and preload included). */
  runner: string;
  backend: BackendPart;
}

export interface ReplayKeyParts extends NotebookKeyParts {
  /** The injected parameters as canonical JSON (sorted keys). */
  parameters: string;
  seed: number;
  /** The ablation point a replay belongs to (its results say so), or null for a main run. */
  ablation: string | null;
}

export interface ReplayKey {
  /** sha256 of the canonical JSON of `parts`. */
  key: string;
  parts: ReplayKeyParts;
}

export interface NotebookKeyBase {
  parts: NotebookKeyParts;
  /** How long building the base took (ms): the TypeScript program dominates. */
  millis: number;
}

/**
 * The seed-independent parts of the key of `notebook` in `paperDir`, as a kernel at `root` would
 * run it. Built once per notebook per run; {@link replayKey} adds a replay's parameters and seed.
 */
export function notebookKeyBase(notebook: string, paperDir: string, root: string = PROJECT_ROOT): NotebookKeyBase {
  const started = performance.now();
  const nb = readNotebook(notebook);
  const codeCells = nb.cells.filter((c) => c.cell_type === 'code');
  const kernel = (nb.metadata?.kernelspec as { name?: string } | undefined)?.name ?? 'paperlab';
  const notebookCode = sha256(canonicalJson({ kernel, cells: codeCells.map((c) => ({ source: sourceOf(c), tags: tagsOf(c) })) }));
  // Cells are compiled one after another in one kernel: as one file, their imports resolve alike.
  const code = codeCells.map((c) => sourceOf(c)).join('\n;\n');
  const outside = !isUnder(root, paperDir);
  const deps = codeDependencies(root, code, outside ? [paperDir] : []);
  const files: Record<string, string> = {};
  for (const file of [...deps.files, ...paperCode(paperDir)].sort()) files[keyPath(root, file)] = fileDigest(file);
  const parts: NotebookKeyParts = {
    notebookCode,
    files: sortKeys(files),
    config: fileDigest(join(paperDir, CONFIG_FILE)),
    environmentLock: fileDigest(join(root, ENVIRONMENT_LOCK)),
    dataManifest: fileDigest(join(root, DATA_MANIFEST)),
    runner: treeDigest(join(root, RUNNER_DIR)),
    backend: backendPart(),
  };
  return { parts, millis: performance.now() - started };
}

/** The key of one replay: the notebook's base plus its parameters, seed and ablation point. */
export function replayKey(base: NotebookKeyBase, replay: { parameters: Record<string, JsonValue>; seed: number; ablation?: { ablation: string; name: string } }): ReplayKey {
  const parts: ReplayKeyParts = {
    ...base.parts,
    parameters: canonicalJson(replay.parameters),
    seed: replay.seed,
    ablation: replay.ablation ? `${replay.ablation.ablation}/${replay.ablation.name}` : null,
  };
  return { key: sha256(canonicalJson({ format: REPLAY_KEY_FORMAT, parts })), parts };
}

/**
 * What differs between two keys' parts, one phrase each: `files: src/library/x.ts changed`,
 * `config`, `seed 0 → 1`. Empty when the parts are equal.
 */
export function keyChanges(before: ReplayKeyParts, after: ReplayKeyParts): string[] {
  const out: string[] = [];
  for (const name of Object.keys(after) as Array<keyof ReplayKeyParts>) {
    if (name === 'files') continue;
    if (canonicalJson(before[name]) !== canonicalJson(after[name])) out.push(name === 'seed' ? `seed ${before.seed} → ${after.seed}` : name);
  }
  const paths = [...new Set([...Object.keys(before.files), ...Object.keys(after.files)])].sort();
  for (const p of paths) {
    if (before.files[p] === after.files[p]) continue;
    out.push(`files: ${p} ${before.files[p] === undefined ? 'added' : after.files[p] === undefined ? 'no longer used' : 'changed'}`);
  }
  return out;
}

/** The seed-independent parts, in the order they are reported. */
export const NOTEBOOK_PARTS: ReadonlyArray<keyof NotebookKeyParts> = ['notebookCode', 'files', 'config', 'environmentLock', 'dataManifest', 'runner', 'backend'];

/** One digest per seed-independent part: short enough to keep beside accepted results, enough to say which part changed. */
export function partDigests(parts: NotebookKeyParts): Record<string, string> {
  return Object.fromEntries(NOTEBOOK_PARTS.map((k) => [k, sha256(canonicalJson(parts[k]))]));
}

/**
 * The compute path kernels started now would take. Read from the environment each time, not from
 * this process's own native status: a caller may start kernels with PAPERLAB_NATIVE=off after its
 * own addon loaded (tests/papers/replay.test.ts does). Mirrors src/library/native/load.ts: on when
 * not turned off, built, and built from these sources.
 */
export function backendPart(): BackendPart {
  const common = { backendVariable: process.env[BACKEND_VARIABLE]?.trim() || null, node: process.versions.node };
  const sources = sourcesDigest();
  const built = existsSync(ADDON_PATH) && existsSync(STAMP_PATH) && readFileSync(STAMP_PATH, 'utf8').trim() === sources;
  if (nativeTurnedOff() || !built) return { native: 'off', nativeSources: null, threads: null, ...common };
  const raw = process.env[THREADS_ENV_VAR]?.trim();
  return { native: 'on', nativeSources: sources, threads: raw ? Number(raw) : availableParallelism(), ...common };
}

/** The paper folder's own code: every .ts beside the notebook and below it, tests aside. */
function paperCode(paperDir: string): string[] {
  return listFiles(paperDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts') && !f.split(/[\\/]/).includes('tests'));
}

function listFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'runs' || e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) listFiles(full, out);
    else out.push(full);
  }
  return out;
}

/** sha256 over a folder's files, each named by its path in the folder. */
function treeDigest(dir: string): string {
  const hash = createHash('sha256');
  for (const file of listFiles(dir).sort()) hash.update(`${keyPath(dir, file)}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

function fileDigest(file: string): string {
  return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'missing';
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted at every depth: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? sortKeys(v as Record<string, unknown>) : v));
}

function sortKeys<T>(obj: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(obj).sort().map((k) => [k, obj[k]!]));
}

function isUnder(root: string, dir: string): boolean {
  const r = resolve(root);
  const d = resolve(dir);
  return d === r || d.startsWith(r + sep);
}
