import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join, relative, resolve } from 'node:path';
import { invalid } from '../../library/errors/index';

/** The repository root (this file lives in src/harness/runner/). */
export const PROJECT_ROOT = resolve(__dirname, '..', '..', '..');

/** The in-repo Jupyter data dir holding `kernels/paperlab/`; the project's scripts put it on JUPYTER_PATH. */
export const PROJECT_JUPYTER_PATH = join(PROJECT_ROOT, 'src', 'harness', 'runner', 'jupyter');

/** The kernel every paperlab notebook names in its metadata. */
export const DEFAULT_KERNEL = 'paperlab';

export interface KernelSpec {
  name: string;
  resourceDir: string;
  argv: string[];
  displayName: string;
  language: string;
  interruptMode: 'signal' | 'message';
  env: Record<string, string>;
}

/** JUPYTER_PATH with the project's own kernel dir first, for child processes (jupyter, kernels). */
export function jupyterPath(current = process.env.JUPYTER_PATH): string {
  const rest = (current ?? '').split(delimiter).filter((p) => p && resolve(p) !== PROJECT_JUPYTER_PATH);
  return [PROJECT_JUPYTER_PATH, ...rest].join(delimiter);
}

/**
 * Finds kernel `name` in `<dir>/kernels/` of each JUPYTER_PATH entry (project dir first). Unlike
 * `jupyter kernelspec list`, Jupyter's user and system kernel folders are not searched.
 */
export function findKernelSpec(name = DEFAULT_KERNEL): KernelSpec {
  const dirs = jupyterPath().split(delimiter).map((d) => join(d, 'kernels', name));
  const resourceDir = dirs.find((d) => existsSync(join(d, 'kernel.json')));
  if (!resourceDir) {
    throw invalid(`kernel "${name}"`, `a kernel.json under one of ${dirs.join(', ')}`, 'none found', 
      `paperlab searches only <dir>/kernels/<name>/ for each <dir> on JUPYTER_PATH (the project's ${relative(PROJECT_ROOT, PROJECT_JUPYTER_PATH)} first), not Jupyter's user or system kernel folders: put the kernel in <dir>/kernels/${name}/ and add <dir> to JUPYTER_PATH`);
  }
  const file = join(resourceDir, 'kernel.json');
  const spec = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (!Array.isArray(spec.argv) || spec.argv.length === 0) throw invalid(`${file} argv`, 'a non-empty array of strings', spec.argv);
  return {
    name,
    resourceDir,
    argv: spec.argv as string[],
    displayName: String(spec.display_name ?? name),
    language: String(spec.language ?? ''),
    interruptMode: spec.interrupt_mode === 'message' ? 'message' : 'signal',
    env: (spec.env as Record<string, string> | undefined) ?? {},
  };
}

/** The kernel's command line, with Jupyter's `{connection_file}` and `{resource_dir}` filled in. */
export function kernelCommand(spec: KernelSpec, connectionFile: string): string[] {
  return spec.argv.map((a) => a.replace('{connection_file}', connectionFile).replace('{resource_dir}', spec.resourceDir));
}
