// Sweeps: seeds × a grid of one paper, as tasks (one notebook replay each) on the local pool or as a
// Slurm job array; their status, cancel, resume, and the collected run folder. CLI-side.
export { planSweep, parseSeedList, parseSweepParameters, CLI_GRID, type SweepTask, type SweepAxes } from './sweep-plan';
export { readSweep, writeSweep, isSweepDir, readTaskRecords, SWEEP_FILE, type SweepFile, type TaskRecord, type SlurmRequest } from './sweep-file';
export { createSweep, submitSweep, tasksToResume, slurmRequest, arraySpec, type NewSweepOptions } from './create';
export { runSweepTask, runDisplayForTask } from './run-task';
export { runSweepLocally } from './run-local';
export { sweepStatus, type SweepStatus, type TaskStatus, type TaskState } from './sweep-state';
export { collectSweep, type CollectedSweep, type TaskProvenance } from './collect';
export { cancelSweep } from './cancel';
export { SlurmError } from './slurm';
