// The kernel's watch on its runner, on a worker thread (started by tslab-patches.js): every 0.5 s,
// is the runner (PAPERLAB_RUNNER_PID) still alive, or, without one, is the parent still the one we
// started under? Once it is gone: remove the runner's temp folder holding the connection key, then
// kill the kernel's process group (the kernel alone when it leads none, as under a Notebook server).
'use strict';
const { workerData: w } = require('node:worker_threads');
const { basename } = require('node:path');
const { readFileSync, rmSync } = require('node:fs');

const POLL_MS = 500;

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM'; // it lives, under another user
  }
}

/** Fields of /proc/self/stat after the command name: [state, ppid, pgrp, ...]. */
function stat() {
  return readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
}

setInterval(() => {
  if (w.runnerPid ? alive(w.runnerPid) : Number(stat()[1]) === w.parentAtStart) return;
  // Only the runner's own folders (src/harness/runner/kernel.ts), never a Jupyter server's runtime dir.
  try {
    if (basename(w.runtimeDir).startsWith('paperlab-kernel-')) rmSync(w.runtimeDir, { recursive: true, force: true });
  } catch {}
  try {
    process.kill(Number(stat()[2]) === w.kernelPid ? -w.kernelPid : w.kernelPid, 'SIGKILL');
  } catch {}
}, POLL_MS);
