// Preloaded into the tslab kernel (node --require) by launch.sh.
//
// tslab 1.0.22 drives TypeScript's watch compiler with a fake timer that allows only one pending
// rebuild. When a file is created or deleted in a folder the compiler watches (say a new module in
// src/), TypeScript's directory watcher schedules a second rebuild and from then on every cell
// fails with "Unexpected pending rebuildTimer" until the kernel restarts. Directory watching is
// turned off, so a new file is picked up when a cell first imports it. (tslab's file watchers never
// made an edit run: its executor kept the modules it had loaded. Edits reach a running kernel
// through the library cache below.)
'use strict';
// Worker threads inherit --require: the patches are the kernel's, once, on its main thread.
if (!require('node:worker_threads').isMainThread) return;
const path = require('node:path');
const ts = require('@tslab/typescript-for-tslab');
ts.sys.watchDirectory = () => ({ close() {} });

// tslab's converter rebuilds its program twice per cell, each time as a BuilderProgram, whose state
// walks every file of the program (1,000+ with tfjs's types) to map references and signatures; a
// profile of papers/gromov2023-grokking's cells put a third of each cell's compile there. tslab uses
// the builder only for getSourceFile, emit, getProgram and getAllDependencies (which .ts/.js files
// to check and emit with a cell), so hand its watch a plain program with that surface, whose
// dependencies are the cell's imports followed through non-declaration files only. The converter
// must get this `ts` before it loads: tslab's own copy is swapped in the require cache.
// PAPERLAB_TSLAB_DECLARATIONS=off (tslab as it comes) leaves this out too.
if (process.env.PAPERLAB_TSLAB_DECLARATIONS !== 'off') installLeanBuilder();

function installLeanBuilder() {
  const tslabDir = path.dirname(require.resolve('tslab/package.json'));
  const tsPath = require.resolve('@tslab/typescript-for-tslab', { paths: [tslabDir] });
  const converterJs = require.resolve('tslab/dist/converter');
  const source = require('node:fs').readFileSync(converterJs, 'utf8');
  const needles = ['}, sys, null, function (d) {', 'const watch = ts.createWatchProgram(host);', '.getAllDependencies(sourceFile)'];
  const missing = needles.find((n) => !source.includes(n));
  if (missing || require.cache[converterJs] || !require.cache[tsPath] || require.cache[tsPath].exports !== ts) {
    throw new Error(`paperlab tslab-patches.js: cannot give tslab's converter a lean builder (${missing ? `converter.js lacks \`${missing}\`` : 'converter.js already loaded or a second TypeScript'}); tslab's internals moved, update the patch`);
  }
  const wrapped = {};
  for (const k of Object.keys(ts)) Object.defineProperty(wrapped, k, { get: () => ts[k], enumerable: true, configurable: true });
  Object.defineProperty(wrapped, 'createWatchProgram', {
    enumerable: true,
    value: (host) => {
      host.createProgram = createLeanBuilder;
      return ts.createWatchProgram(host);
    },
  });
  require.cache[tsPath].exports = wrapped;
}

function createLeanBuilder(rootNames, options, host, old, configFileParsingDiagnostics, projectReferences) {
  if (rootNames === undefined && old) return old;
  const program = ts.createProgram({ rootNames, options, host, oldProgram: old && old.getProgramOrUndefined(), configFileParsingDiagnostics, projectReferences });
  // The builder made the checker here, before tslab sets the cell's `parent` to the previous cells'
  // declarations (how it sees their names); made later, the checker would not see them.
  program.getTypeChecker();
  return {
    getProgram: () => program,
    getProgramOrUndefined: () => program,
    releaseProgram: () => undefined,
    getCompilerOptions: () => program.getCompilerOptions(),
    getCurrentDirectory: () => program.getCurrentDirectory(),
    getSourceFile: (f) => program.getSourceFile(f),
    getSourceFiles: () => program.getSourceFiles(),
    getConfigFileParsingDiagnostics: () => program.getConfigFileParsingDiagnostics(),
    getOptionsDiagnostics: (c) => program.getOptionsDiagnostics(c),
    getGlobalDiagnostics: (c) => program.getGlobalDiagnostics(c),
    getSyntacticDiagnostics: (sf, c) => program.getSyntacticDiagnostics(sf, c),
    getSemanticDiagnostics: (sf, c) => program.getSemanticDiagnostics(sf, c),
    getDeclarationDiagnostics: (sf, c) => program.getDeclarationDiagnostics(sf, c),
    emit: (sf, write, c, dtsOnly, transformers) => program.emit(sf, write, c, dtsOnly, transformers),
    getAllDependencies: (sf) => sourceDependencies(program, sf),
  };
}

/** `sf` and the files it imports or references, followed through non-declaration files only. */
function sourceDependencies(program, sf) {
  const seen = new Set([sf.fileName]);
  const queue = [sf];
  while (queue.length) {
    const file = queue.pop();
    const next = [];
    if (file.resolvedModules) file.resolvedModules.forEach((r) => r && r.resolvedModule && next.push(r.resolvedModule.resolvedFileName));
    for (const ref of file.referencedFiles || []) next.push(path.resolve(path.dirname(file.fileName), ref.fileName));
    for (const name of next) {
      const dep = program.getSourceFile(name);
      if (!dep || seen.has(dep.fileName)) continue;
      seen.add(dep.fileName);
      if (!dep.isDeclarationFile) queue.push(dep);
    }
  }
  return [...seen];
}

// The project's code as prebuilt declarations and cached CommonJS instead of a per-kernel compile of
// every imported .ts file, with hot reload (library-cache.js says how). PAPERLAB_TSLAB_DECLARATIONS=off
// leaves tslab as it is (the benchmark's "before"). tslab's converter reaches the disk only through
// `ts.sys` and loads a module it did not emit with Node's own require; both are checked here, so a
// tslab whose internals moved fails the kernel's start instead of silently compiling everything again.
if (process.env.PAPERLAB_TSLAB_DECLARATIONS !== 'off') installLibraryCache();

function installLibraryCache() {
  const { readFileSync: read } = require('node:fs');
  const { LibraryCache, defaultCacheDir } = require('./library-cache');
  const converterJs = require.resolve('tslab/dist/converter');
  const expect = {
    [converterJs]: ['ts.sys.readFile(forwardTslabPath(cwd, path), encoding)', 'ts.sys.fileExists(forwardTslabPath(cwd, path))', 'ts.sys.watchFile(path, cb, pollingInterval)', '!dep.endsWith(".d.ts")'],
    [require.resolve('tslab/dist/executor')]: ['return req.apply(thisArg, argArray);'],
  };
  for (const [file, needles] of Object.entries(expect)) {
    const text = read(file, 'utf8');
    for (const needle of needles) {
      if (!text.includes(needle)) throw new Error(`paperlab tslab-patches.js: ${file} no longer contains \`${needle}\`; tslab's internals moved, update the patch (or set PAPERLAB_TSLAB_DECLARATIONS=off)`);
    }
  }
  const cache = new LibraryCache(ts, process.cwd(), defaultCacheDir());
  const sys = ts.sys;
  const { fileExists, readFile, watchFile } = sys;
  const watchers = new Map(); // virtual .d.ts -> tslab's watcher callbacks
  sys.fileExists = (p) => {
    if (cache.building) return fileExists.call(sys, p);
    if (!cache.loaded && (p.startsWith(cache.root + '/src/') || p.startsWith(cache.root + '/papers/'))) cache.ensure();
    return cache.virtual.has(p) || (!cache.hidden.has(p) && fileExists.call(sys, p));
  };
  sys.readFile = (p, encoding) => (!cache.building && cache.virtual.has(p) ? cache.virtual.get(p) : readFile.call(sys, p, encoding));
  sys.watchFile = (p, callback, interval, options) => {
    if (!cache.virtual.has(p)) return watchFile.call(sys, p, callback, interval, options);
    if (!watchers.has(p)) watchers.set(p, new Set());
    watchers.get(p).add(callback);
    return { close: () => watchers.get(p).delete(callback) };
  };
  require.extensions['.ts'] = (module, filename) => module._compile(cache.javascript(filename), filename);
  mapProjectStacks();

  // Before every cell (and completion, inspection): pick up edited sources.
  const converter = require(converterJs);
  const create = converter.createConverter;
  converter.createConverter = (options) => {
    const conv = create(options);
    for (const name of ['convert', 'inspect', 'complete']) {
      const inner = conv[name];
      conv[name] = (...args) => {
        let reload;
        try {
          reload = cache.refresh();
          if (reload) hotReload(reload, watchers);
        } catch (err) {
          if (name !== 'convert') throw err;
          return { diagnostics: [{ start: { line: 0, character: 0 }, end: { line: 0, character: 0 }, messageText: `paperlab hot reload: ${(err && err.stack) || err}`, category: 1, code: 0 }] };
        }
        const out = inner(...args);
        const compiled = name === 'convert' && out.sideOutputs ? out.sideOutputs.map((o) => o.path.replace(/\.js$/, '.ts')).filter((p) => cache.hidden.has(p)) : [];
        if (compiled.length) throw new Error(`paperlab tslab-patches.js: tslab compiled ${compiled[0]} although its declarations are prebuilt: the patch no longer works`);
        return out;
      };
    }
    return conv;
  };
}

/**
 * Errors thrown in the project's code name the .ts line, not the line of the CommonJS it was
 * transpiled to (library-cache.js inlines a source map into each). Node maps stack frames while
 * source maps are enabled, and parses a module's map only if they are enabled when it is compiled:
 * on for our .ts files alone, since tfjs's maps (~6 MB per package) would add ~0.15 s to every
 * import and point its frames at .ts files that are not installed.
 */
function mapProjectStacks() {
  const Module = require('node:module');
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileMapped(content, filename, ...rest) {
    process.setSourceMapsEnabled(filename.endsWith('.ts') && !filename.includes('/node_modules/'));
    try {
      return compile.call(this, content, filename, ...rest);
    } finally {
      process.setSourceMapsEnabled(true); // between compiles: stack traces are mapped
    }
  };
  process.setSourceMapsEnabled(true);
}

/**
 * The sources changed: tell tslab's compiler which declarations did, and drop every changed module
 * and every module that imported one (directly or not) from Node's require cache, then load them
 * again and point the notebook's names at the new exports, so a later cell that calls an imported
 * function runs the new code without re-running its import.
 */
function hotReload({ edited, events }, watchers) {
  const kinds = { changed: ts.FileWatcherEventKind.Changed, created: ts.FileWatcherEventKind.Created, deleted: ts.FileWatcherEventKind.Deleted };
  for (const [p, kind] of events) for (const cb of watchers.get(p) || []) cb(p, kinds[kind]);
  const Module = require('node:module');
  const parents = new Map();
  for (const m of Object.values(Module._cache)) {
    for (const child of (m && m.children) || []) {
      if (!parents.has(child.id)) parents.set(child.id, new Set());
      parents.get(child.id).add(m.id);
    }
  }
  const stale = new Set(edited.filter((f) => Module._cache[f]));
  const queue = [...stale];
  while (queue.length) {
    for (const p of parents.get(queue.pop()) || []) {
      if (!stale.has(p) && !p.includes('/node_modules/') && p.endsWith('.ts')) {
        stale.add(p);
        queue.push(p);
      }
    }
  }
  const old = [...stale].map((id) => [id, Module._cache[id].exports]);
  for (const id of stale) delete Module._cache[id];
  const swap = new Map();
  for (const [id, exports] of old) {
    let fresh;
    try {
      fresh = require(id);
    } catch (err) {
      continue; // deleted, or it fails now: the cell that imports it reports that
    }
    swap.set(exports, fresh);
    for (const k of Object.keys(exports)) {
      const v = exports[k];
      if ((typeof v === 'function' || (typeof v === 'object' && v !== null)) && k in fresh) swap.set(v, fresh[k]);
    }
  }
  const names = globalThis.__tslab__ && globalThis.__tslab__.exports;
  if (names) for (const k of Object.keys(names)) if (swap.has(names[k])) names[k] = swap.get(names[k]);
}

// tslab sends every iopub message with `sock.send(...)` and never awaits it. zeromq 6 allows one
// send in progress per socket and rejects the others ("Socket is busy writing"), and a PUB socket
// drops what passes its high-water mark (1,000 messages): a cell printing 20,000 lines delivered
// ~490 of them, 2,000 record() calls ~500, silently (nbconvert lost the same). Queue the sends, one
// at a time in order, and lift the iopub high-water mark, so nothing a cell writes is lost.
//
// And count: the execute_reply (on shell, which loses nothing) carries in its metadata how many
// iopub messages the kernel sent for the request before replying (`paperlab_iopub_sent`, status
// messages aside), re-signed with the connection's key, so the runner can tell a complete cell
// from one whose output went missing on the way.
const zmq = require('zeromq');
const { createHmac } = require('node:crypto');
const { readFileSync } = require('node:fs');
const DELIMITER = '<IDS|MSG>';
const configAt = process.argv.indexOf('--config-path');
const key = configAt > 0 ? JSON.parse(readFileSync(process.argv[configAt + 1], 'utf8')).key : '';
const sentFor = new Map(); // parent msg_id -> iopub messages sent for it (status messages aside)
const sendQueues = new WeakMap(); // zeromq's sockets are sealed: the queue lives beside them
// PAPERLAB_IOPUB_QUEUE=off sends iopub as tslab does (unqueued, default high-water mark), still
// counting: the tests use it to prove that the runner notices lost output.
const queued = process.env.PAPERLAB_IOPUB_QUEUE !== 'off';

/** The parts of a wire message: frames before the delimiter, then header, parent, metadata, content, rest. */
function split(message) {
  const at = Array.isArray(message) ? message.findIndex((part) => String(part) === DELIMITER) : -1;
  if (at < 0 || message.length < at + 6) return undefined;
  const bodies = message.slice(at + 2).map(String);
  return { head: message.slice(0, at + 1), bodies, header: JSON.parse(bodies[0]), parent: JSON.parse(bodies[1]) };
}

function countIopub(message) {
  const m = split(message);
  const parentId = m && m.parent && m.parent.msg_id;
  if (parentId && m.header.msg_type !== 'status') sentFor.set(parentId, (sentFor.get(parentId) || 0) + 1);
}

function withSentCount(message) {
  const m = split(message);
  if (!m || m.header.msg_type !== 'execute_reply' || !key) return message;
  const parentId = m.parent && m.parent.msg_id;
  m.bodies[2] = JSON.stringify({ ...JSON.parse(m.bodies[2]), paperlab_iopub_sent: sentFor.get(parentId) || 0 });
  sentFor.delete(parentId);
  const hmac = createHmac('sha256', key);
  for (const body of m.bodies) hmac.update(body);
  return [...m.head, hmac.digest('hex'), ...m.bodies];
}

class QueuedPublisher extends zmq.Publisher {
  constructor(options) {
    super(queued ? { sendHighWaterMark: 0, ...options } : options); // 0 = no limit
  }
  send(message) {
    countIopub(message);
    if (!queued) return super.send(message);
    const sent = (sendQueues.get(this) || Promise.resolve()).then(() => super.send(message));
    sendQueues.set(this, sent.catch((err) => { process.stderr.write(`paperlab: iopub send failed: ${err && err.message}\n`); }));
    return sent;
  }
}

class CountingRouter extends zmq.Router {
  send(message) {
    return super.send(withSentCount(message));
  }
}
zmq.Publisher = QueuedPublisher;
zmq.Router = CountingRouter;

// On shutdown_request tslab closes its converter and sockets and waits for the process to end by
// itself. Once a cell had imported the library it did not: the main thread stopped running (not even
// a timer or setImmediate fired after the sockets closed), and every replay waited the runner's 2 s
// grace before its SIGKILL (measured: shutdown 2.05 s, 0.3 s with this). Exit as soon as the
// converter is closed; the shutdown_reply is already handed to zeromq, and Jupyter's clients wait
// for the process to end, not for the reply.
const jupyter = require('tslab/dist/jupyter');
if (!jupyter.ZmqServer || typeof jupyter.ZmqServer.prototype.close !== 'function' || !/this\.handler\.close\(\)/.test(String(jupyter.ZmqServer.prototype.close))) {
  throw new Error("paperlab tslab-patches.js: tslab/dist/jupyter's ZmqServer.prototype.close moved; tslab's internals changed, update the patch");
}
// tslab binds its five sockets at once and serves shell and control from the first bind on. A client
// queues its kernel_info before the kernel is up (the runner; the Notebook server's one request per
// new websocket), so it can arrive the moment shell is bound, while iopub's bind is still in flight;
// tslab then publishes `busy` on iopub, and zeromq 6 refuses any use of a socket during a bind:
// EBUSY "Socket is blocked by a bind or unbind operation". Unpatched, that throw also lost the
// reply (the Notebook server waits 60 s for it); with the queue above only the status is lost, and
// the runner, seeing EBUSY, restarted a kernel that was fine. Requests wait here until every socket
// is bound. A bind that fails (a port another process took since the ports were chosen) ends the
// kernel: it could never serve, and its starter (the runner, the Notebook server's restarter)
// starts it again on fresh ports.
for (const name of ['init', 'handleShellMessage']) {
  if (typeof jupyter.ZmqServer.prototype[name] !== 'function') throw new Error(`paperlab tslab-patches.js: tslab/dist/jupyter's ZmqServer.prototype.${name} moved; tslab's internals changed, update the patch`);
}
const bound = new WeakMap(); // server -> promise of all its sockets bound
const serverInit = jupyter.ZmqServer.prototype.init;
jupyter.ZmqServer.prototype.init = function init() {
  const all = serverInit.call(this).catch((err) => {
    process.stderr.write(`paperlab: the kernel could not bind its sockets (${(err && err.message) || err}); exiting, to be started again on fresh ports\n`);
    process.exit(1);
  });
  bound.set(this, all);
  return all;
};
const handleShellMessage = jupyter.ZmqServer.prototype.handleShellMessage;
jupyter.ZmqServer.prototype.handleShellMessage = function handleWhenBound(...args) {
  const all = bound.get(this);
  return all ? all.then(() => handleShellMessage.apply(this, args)) : handleShellMessage.apply(this, args);
};

jupyter.ZmqServer.prototype.close = function close() {
  try {
    this.handler.close();
  } finally {
    process.exit(0);
  }
};

// A kernel whose runner died (kill -9, a crash) must not live on holding memory and the connection
// key: the runner spawns it detached, so nothing else stops it. A worker thread polls the runner
// (PAPERLAB_RUNNER_PID, set by the runner: it also covers a runner killed while the launcher was
// still starting us, when our parent is already gone at preload) or else the parent; once it is
// gone it removes the runner's temp folder with the connection file and kills the kernel's process
// group. A thread, because the kernel's own loop can be busy for seconds (tslab compiling a cell,
// a synchronous training step), and a timer there would wait for it. Under the Notebook server,
// whose kernels should end with it too, the parent is watched.
const { Worker } = require('node:worker_threads');
const runtimeDir = configAt > 0 ? require('node:path').dirname(process.argv[configAt + 1]) : '';
const watcher = new Worker(require('node:path').join(__dirname, 'runner-watch.js'), {
  execArgv: [], // not this preload again
  workerData: { runnerPid: Number(process.env.PAPERLAB_RUNNER_PID) || 0, parentAtStart: process.ppid, runtimeDir, kernelPid: process.pid },
});
watcher.unref();
// The kernel may also die on its own once its runner is gone (a write to the closed stdout pipe):
// then the folder goes on the way out, since the watcher thread dies with it.
process.on('exit', () => {
  const runnerPid = Number(process.env.PAPERLAB_RUNNER_PID) || 0;
  let gone = false;
  try {
    if (runnerPid) process.kill(runnerPid, 0);
  } catch (err) {
    gone = !(err && err.code === 'EPERM');
  }
  if (gone && require('node:path').basename(runtimeDir).startsWith('paperlab-kernel-')) {
    try {
      require('node:fs').rmSync(runtimeDir, { recursive: true, force: true });
    } catch {}
  }
});
