import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Packages whose versions the lock records (read from node_modules), sorted so the lock diffs well. */
export const LOCKED_PACKAGES = [
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-node-gpu',
  'ajv',
  'danfojs-node',
  'plotly.js-dist-min',
  'seedrandom',
  'tslab',
  'tsx',
  'typescript',
  'yaml',
];

/** Python modules of the Jupyter stack, imported by Debian's Python. */
export const JUPYTER_MODULES = ['jupyter_client', 'jupyter_core', 'nbclient', 'nbconvert', 'notebook'];

/** Debian's Python; the `python3` on PATH may be another one without Jupyter (STACK.md). */
export const SYSTEM_PYTHON = '/usr/bin/python3';

/** Version of each package in `root/node_modules`, null when it is not installed. */
export function packageVersions(root: string, names: string[] = LOCKED_PACKAGES): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const name of names) {
    const file = join(root, 'node_modules', name, 'package.json');
    if (!existsSync(file)) {
      out[name] = null;
      continue;
    }
    const meta = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    // An npm alias installs another package under this name: record what is really there.
    out[name] = meta.name && meta.name !== name ? `${meta.name}@${meta.version}` : meta.version ?? null;
  }
  return out;
}

/** `npm --version`, or null when npm cannot be run. */
export async function npmVersion(): Promise<string | null> {
  // npm_config_update_notifier: never let npm add a network check or a banner to the output.
  const out = await run('npm', ['--version'], { ...process.env, npm_config_update_notifier: 'false' });
  return out?.trim() || null;
}

/**
 * Versions of Debian's Python and its Jupyter modules, each null when it cannot be imported
 * (all null when `python` cannot be run).
 */
export async function jupyterVersions(python: string = SYSTEM_PYTHON): Promise<Record<string, string | null>> {
  const script = [
    'import json, sys',
    'out = {"python": "%d.%d.%d" % sys.version_info[:3]}',
    `for m in ${JSON.stringify(JUPYTER_MODULES)}:`,
    '    try:',
    '        out[m] = str(getattr(__import__(m), "__version__", "unknown"))',
    '    except Exception:',
    '        out[m] = None',
    'print(json.dumps(out))',
  ].join('\n');
  const text = await run(python, ['-c', script], process.env);
  const empty: Record<string, string | null> = { python: null };
  for (const m of JUPYTER_MODULES) empty[m] = null;
  if (!text) return empty;
  try {
    return { ...empty, ...(JSON.parse(text) as Record<string, string | null>) };
  } catch {
    return empty; // unexpected output (a sitecustomize printing?): treat as not importable
  }
}

/** `debian 12` from /etc/os-release (ID and VERSION_ID), or null when the file is missing. */
export function osDistro(file = '/etc/os-release'): string | null {
  if (!existsSync(file)) return null;
  const fields = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) fields.set(m[1], m[2].replace(/^["']|["']$/g, ''));
  }
  const id = fields.get('ID');
  return id ? [id, fields.get('VERSION_ID')].filter(Boolean).join(' ') : null;
}

// stdout of a command, or null when it cannot run or fails; 30 s is far above the ~1 s these take.
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, timeout: 30_000, encoding: 'utf8' }, (err, stdout) => resolve(err ? null : stdout));
  });
}
