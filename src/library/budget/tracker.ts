import { performance } from 'node:perf_hooks';
import { invalid } from '../errors/index';
import { budget as checkBudget, type Budget, type BudgetKey } from './declare';

const MB = 1024 * 1024;

/** How the FLOPs figure is estimated; stored beside it so nobody mistakes it for a measurement. */
export const FLOPS_METHOD = 'estimate: model.flopsPerExample() x examples x 3 (backward ~ 2x forward)';

/** What a run actually used, recorded beside the declared budget. */
export interface BudgetUsage {
  /** Wall-clock seconds (performance.now), including earlier runs this one resumed. */
  wallSeconds: number;
  /** CPU seconds of the whole process, user + system (process.cpuUsage), including resumed runs. */
  cpuSeconds: number;
  /** Optimizer steps done. */
  steps: number;
  /** Passes over the training set done (fractional). */
  epochs: number;
  /** Training examples processed (sum of batch sizes). */
  examples: number;
  /** Peak resident set size sampled once per step, MiB (the whole process, so a kernel's earlier cells count). */
  peakRssMB: number;
  /** The process's lifetime peak RSS from process.resourceUsage().maxRSS, MiB (may predate the run). */
  processMaxRssMB: number;
  /** Estimated FLOPs, see `flopsMethod`; 0 when the model gives no per-example figure. */
  flops: number;
  flopsMethod: string;
}

/** Options of {@link BudgetTracker}. */
export interface TrackerOptions {
  /** Forward FLOPs of one example (`model.flopsPerExample()`); default 0 (no FLOPs estimate). */
  flopsPerExample?: number;
  /** Usage of the run this one resumes (from a checkpoint): counts add up, peaks take the max. */
  prior?: BudgetUsage;
}

/**
 * Measures a run against a declared budget: wall time, CPU time, steps, epochs, peak RSS and a FLOPs
 * estimate. Call `step()` after every optimizer step and `check()` before the next one; `check`
 * names the limits that are reached, so the loop can stop cleanly, save and report "over budget".
 */
export class BudgetTracker {
  readonly declared: Readonly<Budget>;
  /** The limits that stopped the run (set by the first `check()` that found any). */
  stoppedBy: BudgetKey[] = [];
  private readonly startWall = performance.now();
  private readonly startCpu = process.cpuUsage();
  private readonly flopsPerExample: number;
  private readonly prior?: BudgetUsage;
  private steps = 0;
  private examples = 0;
  private epochs = 0;
  private peakRss = 0;

  constructor(declared: Budget = {}, options: TrackerOptions = {}) {
    this.declared = checkBudget(declared);
    const f = options.flopsPerExample ?? 0;
    if (!Number.isFinite(f) || f < 0) throw invalid('BudgetTracker(flopsPerExample)', 'a finite number >= 0', f);
    this.flopsPerExample = f;
    this.prior = options.prior;
    this.epochs = options.prior?.epochs ?? 0;
    this.sample();
  }

  /** Counts one optimizer step over `examples` examples; `epochsDone` is the run's total epochs after it. */
  step(examples: number, epochsDone?: number): void {
    this.steps += 1;
    this.examples += examples;
    this.epochs = epochsDone ?? this.epochs;
    this.sample();
  }

  /** Samples the process RSS (cheap: process.memoryUsage.rss()). */
  sample(): void {
    this.peakRss = Math.max(this.peakRss, process.memoryUsage.rss());
  }

  /**
   * The limits reached before a next step over `nextExamples` examples: steps, epochs and wall time
   * at or past their limit, memory at or past it, FLOPs that the next step would push past it.
   */
  check(nextExamples = 0): BudgetKey[] {
    const used = this.usage();
    const d = this.declared;
    const over: BudgetKey[] = [];
    if (d.maxWallSeconds !== undefined && used.wallSeconds >= d.maxWallSeconds) over.push('maxWallSeconds');
    if (d.maxSteps !== undefined && used.steps >= d.maxSteps) over.push('maxSteps');
    // 1e-9: epochs are a ratio of integers; 3 steps of 1/3 epoch must count as 1 epoch.
    if (d.maxEpochs !== undefined && used.epochs >= d.maxEpochs - 1e-9) over.push('maxEpochs');
    if (d.maxPeakMemoryMB !== undefined && used.peakRssMB >= d.maxPeakMemoryMB) over.push('maxPeakMemoryMB');
    if (d.maxFlops !== undefined && used.flops + 3 * this.flopsPerExample * nextExamples > d.maxFlops) over.push('maxFlops');
    if (over.length > 0 && this.stoppedBy.length === 0) this.stoppedBy = over;
    return over;
  }

  /** Seconds of wall budget left (never negative), or undefined without a wall limit. */
  wallLeftSeconds(): number | undefined {
    const max = this.declared.maxWallSeconds;
    return max === undefined ? undefined : Math.max(0, max - this.usage().wallSeconds);
  }

  /** Usage so far, including the resumed run's. */
  usage(): BudgetUsage {
    const cpu = process.cpuUsage(this.startCpu);
    const p = this.prior;
    const examples = (p?.examples ?? 0) + this.examples;
    return {
      wallSeconds: (p?.wallSeconds ?? 0) + (performance.now() - this.startWall) / 1000,
      cpuSeconds: (p?.cpuSeconds ?? 0) + (cpu.user + cpu.system) / 1e6,
      steps: (p?.steps ?? 0) + this.steps,
      epochs: this.epochs,
      examples,
      peakRssMB: Math.max(p?.peakRssMB ?? 0, this.peakRss / MB),
      // resourceUsage().maxRSS is in KiB.
      processMaxRssMB: Math.max(p?.processMaxRssMB ?? 0, process.resourceUsage().maxRSS / 1024),
      flops: (p?.flops ?? 0) + 3 * this.flopsPerExample * this.examples,
      flopsMethod: FLOPS_METHOD,
    };
  }
}
