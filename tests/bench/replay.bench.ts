/**
 * What a replay costs over the code it runs (issue 13): kernel start, the first import of the
 * library, the overhead of a later cell, and the wall time of a paper's CI replay on a real kernel
 * against the same code run as one plain node script (tsx). Each kernel figure is given twice:
 * "tslab" is tslab as it comes (PAPERLAB_TSLAB_DECLARATIONS=off: it type-checks and compiles every
 * imported .ts file in every kernel), "cached" the kernel's prebuilt declarations and compile cache
 * (tslab-patches.js, library-cache.js; warm, as after the first kernel on unchanged sources).
 * Not a test, prints figures:
 *   node --import tsx tests/bench/replay.bench.ts [paper=gromov2023-grokking] [runs=3]
 * Goal: replay <= 1.15 x plain node + 3 s; kernel start + first import <= 3 s; later cell <= 50 ms.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { executeNotebook, Kernel, PROJECT_ROOT, readNotebook, sourceOf, type Parameters } from '../../src/harness/runner/index';
import { replayProfile } from '../../src/harness/reproduce/index';
import { loadPaperConfig } from '../../src/library/paper-files/index';

const paper = process.argv[2] ?? 'gromov2023-grokking';
const runs = Number(process.argv[3] ?? 3);
const IMPORT = "import { setRootSeed, rng, record, useBackend, plot, train, mlp, accuracy } from './src/index';";
const LATER_CELLS = 10;
const MODES = { tslab: { PAPERLAB_TSLAB_DECLARATIONS: 'off' }, cached: {} } as const;
type Mode = keyof typeof MODES;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

async function withEnv<T>(env: Record<string, string>, job: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  if (!('PAPERLAB_TSLAB_DECLARATIONS' in env)) delete process.env.PAPERLAB_TSLAB_DECLARATIONS;
  try {
    return await job();
  } finally {
    process.env = saved;
  }
}

/** One kernel: start, the import cell, then trivial cells (their time is all overhead). */
async function kernelFigures(): Promise<{ startMs: number; importMs: number; laterMs: number }> {
  let t = Date.now();
  const kernel = await Kernel.start();
  const startMs = Date.now() - t;
  t = Date.now();
  const imported = await kernel.execute(IMPORT);
  const importMs = Date.now() - t;
  if (imported.status !== 'ok') throw new Error(`import cell: ${imported.status} ${imported.errorText ?? ''}`);
  const later: number[] = [];
  for (let i = 0; i < LATER_CELLS; i++) {
    t = Date.now();
    const out = await kernel.execute(`const v${i} = rng('bench').uniform() + ${i};`);
    later.push(Date.now() - t);
    if (out.status !== 'ok') throw new Error(`later cell: ${out.status} ${out.errorText ?? ''}`);
  }
  await kernel.shutdown();
  return { startMs, importMs, laterMs: median(later) };
}

/** The notebook's code cells as one script, the parameters cell's defaults replaced by the replay's values. */
function plainScript(notebook: string, params: Parameters): string {
  const cells = readNotebook(notebook).cells.filter((c) => c.cell_type === 'code');
  return cells
    .map((c) => {
      let src = sourceOf(c);
      if ((c.metadata as { tags?: string[] }).tags?.includes('parameters')) {
        for (const [name, value] of Object.entries(params)) {
          src = src.replace(new RegExp(`^(const|let) ${name}(\\s*:[^=]+)?\\s*=[^;]+;`, 'm'), `$1 ${name}$2 = ${JSON.stringify(value)};`);
        }
      }
      return src;
    })
    .join('\n');
}

function plainNodeSeconds(notebook: string, params: Parameters): number {
  // Beside the tests, so './src/index' and node_modules resolve as from the root; removed after.
  const script = join(PROJECT_ROOT, `.replay-bench-${process.pid}.mts`);
  writeFileSync(script, plainScript(notebook, params));
  try {
    const t = Date.now();
    const out = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, PAPERLAB_THREADS: process.env.PAPERLAB_THREADS ?? '' } });
    const seconds = (Date.now() - t) / 1000;
    if (out.status !== 0) throw new Error(`plain node script failed:\n${out.stderr.slice(-2000)}`);
    return seconds;
  } finally {
    rmSync(script, { force: true });
  }
}

async function replaySeconds(notebook: string, params: Parameters): Promise<{ wall: number; cells: number }> {
  const outputDir = mkdtempSync(join(tmpdir(), 'replay-bench-'));
  const t = Date.now();
  const result = await executeNotebook({ input: notebook, parameters: params, undeclaredParameters: ['seed', 'paperDir'], outputDir });
  const wall = (Date.now() - t) / 1000;
  rmSync(outputDir, { recursive: true, force: true });
  if (!result.ok) throw new Error(`replay failed: ${result.failure?.errorText ?? result.failure?.detail}`);
  return { wall, cells: result.cells.reduce((s, c) => s + (c.duration_s ?? 0), 0) };
}

async function main(): Promise<void> {
  const dir = join(PROJECT_ROOT, 'papers', paper);
  const profile = replayProfile(loadPaperConfig(dir));
  const params: Parameters = { ...profile.parameters, seed: profile.seeds[0]!, paperDir: `papers/${paper}` } as Parameters;
  const notebook = join(dir, 'reproduce.ipynb');
  console.log(`replay benchmark: papers/${paper}, parameters ${JSON.stringify(params)}, ${runs} run(s) each, load ${loadavg()[0]!.toFixed(2)}`);
  // Warm the caches (declarations, compiled files, tsx's): the figures are for unchanged sources.
  await withEnv(MODES.cached, () => kernelFigures());
  const rows: string[] = [];
  const replay: Partial<Record<Mode | 'node', number>> = {};
  for (const mode of Object.keys(MODES) as Mode[]) {
    const figs = [];
    for (let i = 0; i < runs; i++) figs.push(await withEnv(MODES[mode], () => kernelFigures()));
    const start = median(figs.map((f) => f.startMs));
    const imp = median(figs.map((f) => f.importMs));
    const later = median(figs.map((f) => f.laterMs));
    rows.push(`${mode.padEnd(7)} kernel start ${(start / 1000).toFixed(2)} s   first import ${(imp / 1000).toFixed(2)} s   start + import ${((start + imp) / 1000).toFixed(2)} s   later cell ${later.toFixed(0)} ms`);
    const walls = [];
    for (let i = 0; i < runs; i++) walls.push((await withEnv(MODES[mode], () => replaySeconds(notebook, params))).wall);
    replay[mode] = median(walls);
  }
  const nodeWalls = [];
  for (let i = 0; i < runs; i++) nodeWalls.push(plainNodeSeconds(notebook, params));
  replay.node = median(nodeWalls);
  console.log(rows.join('\n'));
  const node = replay.node;
  for (const mode of Object.keys(MODES) as Mode[]) {
    const wall = replay[mode]!;
    console.log(`${mode.padEnd(7)} replay ${wall.toFixed(2)} s  vs plain node ${node.toFixed(2)} s: ${(wall / node).toFixed(2)}x, ${(wall - node).toFixed(2)} s more (goal <= ${(1.15 * node + 3).toFixed(2)} s)`);
  }
  console.log(`load at the end ${loadavg()[0]!.toFixed(2)} (2 cores shared: figures move with it)`);
}

void main();
