import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

// Remembers import closures (import-closure.ts) by the digest of everything they are computed from:
// the notebook's code, the path and content of every source the program would hold, the closure's
// own code and TypeScript's version. Building the closure parses the whole project with TypeScript
// (~4 s of CPU in every `paperlab run` and `check`); the digest reads and hashes the same files in
// ~30 ms. A changed, added or removed source changes the digest, so a remembered closure is always
// the one the walk would compute: this is a memo, not a cache with a way to go stale.

/** Overrides the memo's folder (default: this user's folder under the OS temp dir). */
export const CLOSURE_MEMO_DIR_ENV_VAR = 'PAPERLAB_CLOSURE_MEMO';
/** Bump when a remembered closure's shape changes. */
const FORMAT = 'paperlab.closure-memo/1';
/** Closures kept (a few KB each; one per state of the sources and notebook seen). */
const KEEP = 200;

/** The files a closure is computed from besides the sources: its own code, so a changed walk never reuses old answers. */
const WALK_CODE = ['import-closure.ts', 'top-level-effects.ts', 'closure-memo.ts'].map((f) => join(__dirname, f));

export function closureMemoDir(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return process.env[CLOSURE_MEMO_DIR_ENV_VAR]?.trim() || join(tmpdir(), `paperlab-closures-${uid}`);
}

/** The digest naming the closure of `code` over `sources` (absolute paths, in the order the program gets them). */
export function closureKey(code: string, sources: readonly string[], typescriptVersion: string): string {
  const hash = createHash('sha256').update(`${FORMAT}\0${typescriptVersion}\0`).update(code).update('\0');
  for (const file of [...WALK_CODE, ...sources]) hash.update(`${file}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** The closure remembered under `key`, or undefined (none, or unreadable: the caller computes it). */
export function recallClosure(key: string, dir: string = closureMemoDir()): string[] | undefined {
  try {
    const stored = JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as { format?: string; files?: unknown };
    if (stored.format !== FORMAT || !Array.isArray(stored.files) || !stored.files.every((f) => typeof f === 'string')) return undefined;
    return stored.files as string[];
  } catch {
    return undefined;
  }
}

/** Stores a closure (atomically: a reader sees all of it or none) and keeps the newest KEEP. A memo that cannot be written is only a slower next run. */
export function rememberClosure(key: string, files: readonly string[], dir: string = closureMemoDir()): void {
  try {
    mkdirSync(dir, { recursive: true });
    writeFileAtomic.sync(join(dir, `${key}.json`), JSON.stringify({ format: FORMAT, files }) + '\n');
    prune(dir);
  } catch {
    // A read-only or full temp dir: nothing is lost but time.
  }
}

function prune(dir: string): void {
  const entries = readdirSync(dir).filter((f) => f.endsWith('.json'));
  if (entries.length <= KEEP) return;
  const dated = entries.map((f) => {
    try {
      return { f, t: statSync(join(dir, f)).mtimeMs };
    } catch {
      return { f, t: 0 };
    }
  });
  for (const { f } of dated.sort((a, b) => b.t - a.t).slice(KEEP)) rmSync(join(dir, f), { force: true });
}
