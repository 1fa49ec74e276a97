import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
// mime, not the index: the index loads TF.js; the runner need not.
import { RECORD_MIME } from '../../library/results/mime';
import type { CellOutcome } from './kernel';
import type { Output } from './outputs';

// The replay's declared limits, held from outside the kernel: resident memory of the kernel's
// process group sampled from /proc while cells run, and the steps/epochs train() recorded after
// each cell. A notebook that never passes its budget to train() is held to it all the same.

/** The limits of config.yaml `budget` that the runner enforces on one replay. */
export interface ReplayLimits {
  /** Peak resident memory of the kernel's whole process group, MiB. */
  maxPeakMemoryMB?: number;
  /** Optimizer steps of any one train() call (its `budget` record's `used.steps`). */
  maxSteps?: number;
  /** Epochs of any one train() call (its `budget` record's `used.epochs`). */
  maxEpochs?: number;
  /** Where the memory limit was declared, for the detail; default `budget.maxPeakMemoryMB` (config.yaml). */
  memoryLimitName?: string;
}

/** What the runner measured of the kernel's memory during a replay (results.json manifest `memory`). */
export interface ReplayMemory {
  /** Highest sampled resident memory of the kernel's process group, MiB (0.1 MiB steps). */
  peakRssMB: number;
  samples: number;
  intervalMs: number;
  /** The declared limit, when there was one. */
  limitMB?: number;
  source: string;
}

/** Every ~200 ms while a cell runs: one read of /proc/<pid>/stat per process of the group. */
export const SAMPLE_INTERVAL_MS = 200;
/** Every this many samples (~1 s), look for processes that joined the group (children files of each member's threads). */
const RESCAN_EVERY = 5;
const MB = 1024 * 1024;
/** Epochs are ratios of integers: 3 steps of 1/3 epoch are 1 epoch, not over a limit of 1 (as train's own check). */
const EPOCH_SLACK = 1e-9;

let pageSize: number | undefined;
function pageBytes(): number {
  if (pageSize === undefined) {
    try {
      pageSize = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;
    } catch {
      pageSize = 4096;
    }
  }
  return pageSize;
}

/** pgrp and resident pages of a process from /proc/<pid>/stat, or undefined when it is gone (or a zombie). */
function readStat(pid: number): { pgrp: number; rssPages: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces or ')': read after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): pgrp is field 5, rss (pages) field 24.
  if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
  return { pgrp: Number(fields[2]), rssPages: Number(fields[21]) };
}

/**
 * Resident memory of a process group (summed RSS of its processes; pages they share count once per
 * process, so this errs high). The group is found from its leader down: `rescan()` reads the
 * children of every thread of every known member (/proc/<pid>/task/<tid>/children) and keeps those
 * still in the group, so one sample costs one stat read per member, not a scan of all of /proc.
 */
export class GroupMemory {
  private members = new Set<number>();
  constructor(readonly pgid: number) {
    this.members.add(pgid);
  }

  /** The processes known to be in the group (the leader until a rescan finds more). */
  get pids(): number[] {
    return [...this.members];
  }

  /** Adds the descendants of known members that are in the group (a child that left it, and its own, are not). */
  rescan(): void {
    const queue = [...this.members];
    for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
      for (const child of childrenOf(pid)) {
        if (this.members.has(child) || readStat(child)?.pgrp !== this.pgid) continue;
        this.members.add(child);
        queue.push(child);
      }
    }
  }

  /** Bytes resident in the group now; forgets members that exited or left the group. */
  residentBytes(): number {
    let pages = 0;
    for (const pid of this.members) {
      const stat = readStat(pid);
      if (!stat || stat.pgrp !== this.pgid) {
        this.members.delete(pid);
        continue;
      }
      pages += stat.rssPages;
    }
    return pages * pageBytes();
  }
}

/** Child pids of every thread of `pid` (a child belongs to the thread that forked it). */
function childrenOf(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tasks.flatMap((tid) => {
    try {
      return readFileSync(`/proc/${pid}/task/${tid}/children`, 'latin1').split(' ').filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
}

/** 1214.4 → "1,214". */
export function formatMB(mb: number): string {
  return Math.round(mb).toLocaleString('en-US');
}

function formatCount(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(Number(n.toFixed(3)));
}

interface TrainUse {
  steps?: number;
  epochs?: number;
}

/** `used` of every `budget` record train() (or recordBudget) sent in these outputs. */
function trainUses(outputs: readonly Output[]): TrainUse[] {
  const uses: TrainUse[] = [];
  for (const output of outputs) {
    let entry = (output as { data?: Record<string, unknown> }).data?.[RECORD_MIME];
    if (entry === undefined) continue;
    if (typeof entry === 'string') {
      try {
        entry = JSON.parse(entry);
      } catch {
        continue;
      }
    }
    const rec = entry as { name?: unknown; value?: { used?: TrainUse } | null };
    if (rec.name === 'budget' && rec.value && typeof rec.value.used === 'object' && rec.value.used) uses.push(rec.value.used);
  }
  return uses;
}

/**
 * The first steps/epochs limit a train() call of this cell went past, as a sentence, or undefined.
 * A limit train() was given stops it at the limit, not past it: only a run without it is caught here.
 */
export function trainOverLimits(outputs: readonly Output[], limits: ReplayLimits): string | undefined {
  for (const used of trainUses(outputs)) {
    if (limits.maxSteps !== undefined && typeof used.steps === 'number' && used.steps > limits.maxSteps) {
      return `training used ${formatCount(used.steps)} steps, over budget.maxSteps ${formatCount(limits.maxSteps)} (train()'s budget record in this cell)`;
    }
    if (limits.maxEpochs !== undefined && typeof used.epochs === 'number' && used.epochs > limits.maxEpochs + EPOCH_SLACK) {
      return `training used ${formatCount(used.epochs)} epochs, over budget.maxEpochs ${formatCount(limits.maxEpochs)} (train()'s budget record in this cell)`;
    }
  }
  return undefined;
}

/** What the watch needs of a Kernel. */
export interface WatchedKernel {
  readonly pid: number;
  kill(): void;
}

/**
 * Holds one replay to its limits. Call `cellStarted()` before each cell and pass the cell's outcome
 * through `cellEnded()`: over a limit, the outcome becomes `over-budget` with a detail naming the
 * limit and the value. Memory is sampled only while a cell runs; over the limit, the kernel's
 * process group is killed at once (the cell then ends, and the replay stops there).
 */
export class ReplayWatch {
  private readonly group: GroupMemory;
  private timer: NodeJS.Timeout | undefined;
  private peakBytes = 0;
  private samples = 0;
  private over: string | undefined;

  constructor(
    private readonly kernel: WatchedKernel,
    private readonly limits: ReplayLimits = {},
    private readonly intervalMs = SAMPLE_INTERVAL_MS,
  ) {
    this.group = new GroupMemory(kernel.pid);
  }

  cellStarted(): void {
    this.stopTimer();
    this.group.rescan();
    this.sample();
    this.timer = setInterval(() => {
      if (this.samples % RESCAN_EVERY === 0) this.group.rescan();
      this.sample();
    }, this.intervalMs);
    this.timer.unref();
  }

  cellEnded(outcome: CellOutcome): CellOutcome {
    this.stopTimer();
    if (!this.over) this.sample(); // the cell's last moment (a dead kernel reads as nothing)
    const detail = this.over ?? trainOverLimits(outcome.outputs, this.limits);
    return detail ? { ...outcome, status: 'over-budget', detail } : outcome;
  }

  /** Peak memory measured so far, for the run's manifest. */
  usage(): ReplayMemory {
    return {
      peakRssMB: Math.round((this.peakBytes / MB) * 10) / 10,
      samples: this.samples,
      intervalMs: this.intervalMs,
      ...(this.limits.maxPeakMemoryMB !== undefined ? { limitMB: this.limits.maxPeakMemoryMB } : {}),
      source: "resident memory (RSS) of the kernel's process group from /proc, sampled while cells ran",
    };
  }

  dispose(): void {
    this.stopTimer();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private sample(): void {
    const bytes = this.group.residentBytes();
    this.samples++;
    this.peakBytes = Math.max(this.peakBytes, bytes);
    const limit = this.limits.maxPeakMemoryMB;
    if (limit === undefined || this.over || bytes / MB <= limit) return;
    const name = this.limits.memoryLimitName ?? 'budget.maxPeakMemoryMB';
    this.over = `peak memory ${formatMB(bytes / MB)} MB over ${name} ${formatMB(limit)} MB (sampled from the kernel's process group); kernel process group killed`;
    this.stopTimer();
    this.kernel.kill();
  }
}
