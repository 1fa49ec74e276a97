import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { executeNotebook, Kernel, KernelStartError, PROJECT_ROOT, PROJECT_JUPYTER_PATH, findKernelSpec } from '../../../src/harness/runner/index';
import { makeNotebook } from './fixtures';

// Kernel starts that really fail: test-only kernel specs in a temp JUPYTER_PATH whose launchers
// break the start in a real way (a port taken before tslab binds it, a launcher that exits), then
// hand over to the project's real tslab launcher. Nothing of the runner is mocked.

const REAL_LAUNCHER = join(PROJECT_JUPYTER_PATH, 'kernels', 'paperlab', 'launch.sh');
const jupyterDir = mkdtempSync(join(tmpdir(), 'paperlab-specs-'));
let savedPath: string | undefined;

/** A kernel spec `name` whose launch.sh runs `body` (bash) first, with $1 the connection file. */
function kernelSpec(name: string, body: string): string {
  const dir = join(jupyterDir, 'kernels', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'kernel.json'), JSON.stringify({ argv: ['bash', '{resource_dir}/launch.sh', '{connection_file}'], display_name: name, language: 'typescript', interrupt_mode: 'signal' }));
  writeFileSync(join(dir, 'launch.sh'), `#!/usr/bin/env bash\nset -euo pipefail\nhere="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"\n${body}\nexec bash ${JSON.stringify(REAL_LAUNCHER)} "$1"\n`);
  return dir;
}

before(() => {
  savedPath = process.env.JUPYTER_PATH;
  process.env.JUPYTER_PATH = jupyterDir;
});
after(() => {
  if (savedPath === undefined) delete process.env.JUPYTER_PATH;
  else process.env.JUPYTER_PATH = savedPath;
});

test('a start whose shell port is taken (tslab gets a real EADDRINUSE; the preload ends the kernel) is caught at once and retried on fresh ports', async () => {
  // First start only: a listener takes the kernel's shell port before tslab binds it.
  const dir = kernelSpec('port-taken', [
    'if [[ ! -e "$here/tried" ]]; then',
    '  touch "$here/tried"',
    `  port=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).shell_port)' "$1")`,
    `  node -e 'require("net").createServer().listen(Number(process.argv[1]), "127.0.0.1", () => require("fs").writeFileSync(process.argv[2], ""))' "$port" "$here/listening" &`,
    '  echo $! > "$here/listener.pid"',
    '  until [[ -e "$here/listening" ]]; do sleep 0.05; done',
    'fi',
  ].join('\n'));
  const input = makeNotebook(["import { record } from './src/index';\nrecord('answer', 42);"]);
  const lines: string[] = [];
  const started = Date.now();
  const result = await executeNotebook({ input, kernelName: 'port-taken', log: (l) => lines.push(l) });
  const seconds = (Date.now() - started) / 1000;
  assert.equal(result.ok, true, result.failure?.detail);
  assert.deepEqual(result.records.map((r) => [r.name, r.value]), [['answer', 42]]);
  const retry = lines.find((l) => /start attempt 1 of 3 failed/.test(l));
  assert.match(retry ?? lines.join('\n'), /kernel "port-taken" .*: start attempt 1 of 3 failed \(the kernel could not bind its sockets: .*(EADDRINUSE|Address already in use).*\); starting it again on fresh ports$/);
  assert.ok(seconds < 30, `took ${seconds} s (a hung start used to cost 60 s)`);
  // The launcher's background listener is in the kernel's process group: the failed start's kill takes it too.
  const listener = Number(readFileSync(join(dir, 'listener.pid'), 'utf8'));
  assert.equal(alive(listener), false, `the listener (pid ${listener}) the failed start left behind is still running`);
});

/** Running, not a zombie waiting for its reaper. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

test('a kernel that exits during its first start is started again', async () => {
  kernelSpec('exits-once', 'if [[ ! -e "$here/tried" ]]; then touch "$here/tried"; echo "planted start failure" >&2; exit 7; fi');
  const kernel = await Kernel.start({ spec: findKernelSpec('exits-once'), log: () => undefined });
  try {
    const out = await kernel.execute('1 + 1');
    assert.equal(out.status, 'ok');
  } finally {
    await kernel.shutdown();
  }
});

test('a kernel that never starts: a bounded number of attempts, each reason named, reported as a failed run', async () => {
  kernelSpec('never', 'echo "planted start failure" >&2; exit 7');
  const started = Date.now();
  await assert.rejects(Kernel.start({ spec: findKernelSpec('never'), startAttempts: 2 }), (err: unknown) => {
    assert.ok(err instanceof KernelStartError);
    assert.equal(err.code, 'kernel-start');
    assert.match(err.message, /^kernel "never" \(.*kernels\/never\): 2 start attempts failed: attempt 1: the kernel exited during start-up \(exit code 7\); attempt 2: the kernel exited during start-up \(exit code 7\)\n--- kernel log ---\nplanted start failure$/);
    return true;
  });
  assert.ok(Date.now() - started < 10_000, `gave up after ${Date.now() - started} ms`);
  const input = makeNotebook(['const a = 1;', 'const b = 2;']);
  const result = await executeNotebook({ input, kernelName: 'never' });
  assert.equal(result.ok, false);
  assert.equal(result.failure?.status, 'kernel-start');
  assert.match(result.failure?.detail ?? '', /^the kernel did not start: 3 start attempts failed: attempt 1: .*exit code 7.*; attempt 3: /);
  assert.deepEqual(result.cells.map((c) => c.status), ['skipped', 'skipped']);
  assert.match(readFileSync(result.notebookPath, 'utf8'), /paperlab: no cell ran: the kernel did not start/);
});

test('with loopback down (a fresh network namespace) the runner says so instead of waiting for the kernel', (t) => {
  if (spawnSync('unshare', ['-n', 'true']).status !== 0) return t.skip('unshare -n is not available here (needs root or user namespaces)');
  const input = makeNotebook(['const a = 1;']);
  const started = Date.now();
  const run = spawnSync('unshare', ['-n', process.execPath, '--import', 'tsx', join(PROJECT_ROOT, 'src/cli/main.ts'), 'execute', input], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 90_000 });
  const out = `${run.stdout}${run.stderr}`;
  assert.equal(run.status, 1, out);
  assert.match(out, /paperlab: no cell ran: the kernel did not start: loopback 127\.0\.0\.1 is unusable \(connect to 127\.0\.0\.1 failed: ENETUNREACH\): the kernel is reached over TCP on 127\.0\.0\.1; bring the loopback interface up \(`ip link set lo up`\)/);
  assert.doesNotMatch(out, /did not answer within/);
  assert.ok(Date.now() - started < 20_000, `took ${Date.now() - started} ms`);
});

test('a kernel_info that arrives while iopub is still binding is answered once every socket is bound (no EBUSY, no retry)', async () => {
  // zeromq runs a bind on libuv's thread pool; opens of a FIFO with no writer fill that pool, so
  // iopub's bind stays in flight (the socket "blocked") for 1.5 s after shell is bound and the
  // runner's kernel_info requests arrive: the window that one start in ~100 hit by chance.
  const dir = kernelSpec('iopub-slow', `export NODE_OPTIONS="--require $here/hold-iopub.js"`);
  writeFileSync(join(dir, 'hold-iopub.js'), [
    "'use strict';",
    "if (!require('node:worker_threads').isMainThread) return;",
    "const fs = require('node:fs');",
    `const zmq = require(${JSON.stringify(join(PROJECT_ROOT, 'node_modules', 'zeromq'))});`,
    '// Sealed sockets: a subclass in the export, as tslab-patches.js does.',
    'zmq.Publisher = class HeldPublisher extends zmq.Publisher {',
    '  bind(address) {',
    '  return new Promise((r) => setTimeout(r, 300)).then(() => {',
    "    const fifo = require('node:path').join(__dirname, `fifo-${process.pid}`);",
    "    require('node:child_process').execFileSync('mkfifo', [fifo]);",
    '    for (let i = 0; i < (Number(process.env.UV_THREADPOOL_SIZE) || 4); i++) fs.open(fifo, "r", (err, fd) => err || fs.close(fd, () => undefined));',
    '    const release = () => {',
    '      try { fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK)); fs.unlinkSync(fifo); } catch { setTimeout(release, 50); }',
    '    };',
    '    setTimeout(release, 1500);',
    "    process.stderr.write('hold-iopub: iopub bind held\\n');",
    '    return super.bind(address);',
    '  });',
    '  }',
    '};',
  ].join('\n'));
  const retries: string[] = [];
  const kernel = await Kernel.start({ spec: findKernelSpec('iopub-slow'), startAttempts: 1, log: (l) => retries.push(l) });
  try {
    assert.match(kernel.logTail(), /hold-iopub: iopub bind held/, 'the shim ran');
    assert.doesNotMatch(kernel.logTail(), /EBUSY|blocked by a bind/);
    assert.equal((await kernel.execute('1 + 1')).status, 'ok');
  } finally {
    await kernel.shutdown();
  }
});
