// The headless notebook runner: papermill's shape over the Jupyter wire protocol.
export { executeNotebook, formatFailure, type ExecuteNotebookOptions, type ExecutionResult, type CellFailure } from './execute';
export { Kernel, KernelStartError, type CellOutcome, type CellStatus } from './kernel';
export { findKernelSpec, jupyterPath, PROJECT_ROOT, PROJECT_JUPYTER_PATH, DEFAULT_KERNEL, type KernelSpec } from './kernelspec';
export { parseParameterArgs, readParameterFile, injectParameters, checkParameters, parameterProblems, typeProblem, parametersCellOf, parameterArgLabels, type Parameters, type ParametersCell, type ParameterProblem } from './parameters';
export { readDeclarations, describeType, typeText, type DeclaredParameter, type ParamType } from './parameter-types';
export { readNotebook, writeNotebook, sourceOf, type Notebook } from './notebook-file';
export { newRunDir, runSeconds } from './run-dir';
export { collectRecords, outputsOfMime, type CollectedRecord, type MimeOutput } from './collect';
export { writeResults, writeCachedResults, readResults, resultsPath, RESULTS_FILE, RESULTS_FORMAT, type ResultsFile, type CachedFrom } from './results-file';
export { handleSignals, interruption, interruptionExitCode, interruptRun, signalExitCode, trackKernel } from './interrupt';
export { writeRunOwner, readRunOwner, unfinishedReason, OWNER_FILE } from './run-owner';
export { notebookServerCommand, type NotebookServerCommand } from './notebook-server';
export { nbformatJson, PAPERLAB_NOTEBOOK_METADATA } from './nbformat-json';
