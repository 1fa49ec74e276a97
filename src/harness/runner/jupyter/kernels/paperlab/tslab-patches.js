// Preloaded into the tslab kernel (node --require) by launch.sh.
//
// tslab 1.0.22 drives TypeScript's watch compiler with a fake timer that allows only one pending
// rebuild. When a file is created or deleted in a folder the compiler watches (say a new module in
// src/), TypeScript's directory watcher schedules a second rebuild and from then on every cell
// fails with "Unexpected pending rebuildTimer" until the kernel restarts. Edits to existing files
// reach tslab through file watchers, which stay; only directory watching is turned off, so a new
// file is picked up when a cell first imports it.
'use strict';
// Worker threads inherit --require: the patches are the kernel's, once, on its main thread.
if (!require('node:worker_threads').isMainThread) return;
const ts = require('@tslab/typescript-for-tslab');
ts.sys.watchDirectory = () => ({ close() {} });

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
