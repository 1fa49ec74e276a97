import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { OWNER_FILE, readResults, RESULTS_FILE, writeCachedResults, writeRunOwner, type CachedFrom, type ExecutionResult } from '../runner/index';
import type { ReplayKey, ReplayKeyParts } from './replay-key';

// The replay cache: one entry per replay key, holding what the replay left in its seed folder (the
// executed notebook, results.json, anything the notebook wrote there) and the key's parts. An entry
// is written into a temp folder and renamed into place, so a reader sees a whole entry or none.

/** Overrides the cache folder (tests use a temp folder). */
export const CACHE_DIR_ENV_VAR = 'PAPERLAB_CACHE_DIR';
/** `PAPERLAB_CACHE=off` turns the CLI's default cache off, as `--no-cache` does (npm test sets it: a test's replay must run). */
export const CACHE_ENV_VAR = 'PAPERLAB_CACHE';
const ENTRY_FILE = 'entry.json';
const OUTPUTS = 'outputs';
const ENTRY_FORMAT = 'paperlab.replay-cache-entry/1';
/** Entries kept (newest first): an executed notebook with inline plots is a few MB. */
const KEEP_ENTRIES = 200;
/** A temp folder older than this is left over from a process that died while storing. */
const STALE_TEMP_MS = 3_600_000;

interface Entry {
  format: typeof ENTRY_FORMAT;
  key: string;
  parts: ReplayKeyParts;
  storedAt: string;
  /** Which run made the outputs. */
  from: { run: string; seedDir: string };
  /** The replay's ExecutionResult, as it was (paths are those of `from`). */
  execution: ExecutionResult;
}

/** A replay taken from the cache into a new seed folder. */
export interface CacheHit {
  execution: ExecutionResult;
  resultsPath: string;
  cachedFrom: CachedFrom;
}

/** `$PAPERLAB_CACHE_DIR`, else `$XDG_CACHE_HOME/paperlab/replays`, else `~/.cache/paperlab/replays`. */
export function defaultCacheDir(): string {
  const own = process.env[CACHE_DIR_ENV_VAR]?.trim();
  if (own) return own;
  const xdg = process.env.XDG_CACHE_HOME?.trim();
  return join(xdg || join(homedir(), '.cache'), 'paperlab', 'replays');
}

/** Whether PAPERLAB_CACHE turns the cache off (`off`, `0`, `false`, `no`). */
export function cacheTurnedOff(): boolean {
  return ['off', '0', 'false', 'no'].includes(process.env[CACHE_ENV_VAR]?.trim().toLowerCase() ?? '');
}

export class ReplayCache {
  constructor(readonly dir: string = defaultCacheDir()) {}

  /** Whether an entry for `key` is stored. */
  has(key: string): boolean {
    return existsSync(join(this.entryDir(key), ENTRY_FILE));
  }

  /**
   * Copies the entry of `key` into `seedDir` (a new folder, made here) as the outputs of a replay of
   * `input`: owner first, results.json last, as a replay writes them. Undefined when there is no
   * entry, or it cannot be read (removed meanwhile, damaged): the caller replays instead.
   */
  restore(key: string, seedDir: string, input: string): CacheHit | undefined {
    const dir = this.entryDir(key);
    let entry: Entry;
    try {
      entry = JSON.parse(readFileSync(join(dir, ENTRY_FILE), 'utf8')) as Entry;
      if (entry.format !== ENTRY_FORMAT || entry.key !== key) return undefined;
    } catch {
      return undefined;
    }
    const started = new Date();
    try {
      const stored = readResults(join(dir, OUTPUTS, RESULTS_FILE));
      mkdirSync(seedDir, { recursive: true });
      writeRunOwner(seedDir);
      cpSync(join(dir, OUTPUTS), seedDir, { recursive: true, filter: (from) => basename(from) !== RESULTS_FILE });
      const notebookPath = join(seedDir, basename(entry.execution.notebookPath));
      const cachedFrom: CachedFrom = { key, run: entry.from.run, seedDir: entry.from.seedDir, startedAt: entry.execution.startedAt, endedAt: entry.execution.endedAt };
      const resultsPath = writeCachedResults(stored, notebookPath, cachedFrom);
      touch(join(dir, ENTRY_FILE)); // prune keeps the entries used last
      const execution: ExecutionResult = { ...entry.execution, input, notebookPath, outputDir: seedDir, startedAt: started.toISOString(), endedAt: new Date().toISOString() };
      return { execution, resultsPath, cachedFrom };
    } catch {
      rmSync(join(seedDir, RESULTS_FILE), { force: true }); // never results beside a half copy
      return undefined;
    }
  }

  /**
   * Stores a finished replay's seed folder under its key, unless an entry is there already (one key,
   * one result). Written to a temp folder and renamed: never a half entry. True when stored.
   */
  store(key: ReplayKey, execution: ExecutionResult, runDir: string): boolean {
    mkdirSync(this.dir, { recursive: true });
    if (this.has(key.key)) return false;
    const temp = mkdtempSync(join(this.dir, '.tmp-'));
    try {
      cpSync(execution.outputDir, join(temp, OUTPUTS), { recursive: true, filter: (from) => basename(from) !== OWNER_FILE });
      const entry: Entry = { format: ENTRY_FORMAT, key: key.key, parts: key.parts, storedAt: new Date().toISOString(), from: { run: runDir, seedDir: execution.outputDir }, execution };
      writeFileAtomic.sync(join(temp, ENTRY_FILE), JSON.stringify(entry, null, 2) + '\n');
      const target = this.entryDir(key.key);
      try {
        renameSync(temp, target);
      } catch (err) {
        // Another run stored the same key first: theirs stays.
        if (['EEXIST', 'ENOTEMPTY'].includes((err as NodeJS.ErrnoException).code ?? '')) return false;
        throw err;
      }
      this.prune();
      return true;
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  }

  /** The entry's recorded parts, for saying why a key changed. */
  parts(key: string): ReplayKeyParts | undefined {
    try {
      return (JSON.parse(readFileSync(join(this.entryDir(key), ENTRY_FILE), 'utf8')) as Entry).parts;
    } catch {
      return undefined;
    }
  }

  private entryDir(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`replay cache: key ${JSON.stringify(key)}: expected 64 hex digits (a sha256)`);
    return join(this.dir, key);
  }

  /** Keeps the KEEP_ENTRIES newest entries; removes temp folders left by a process that died while storing. */
  private prune(): void {
    const now = Date.now();
    const entries: Array<{ dir: string; at: number }> = [];
    for (const name of readdirSync(this.dir)) {
      const dir = join(this.dir, name);
      try {
        if (name.startsWith('.tmp-')) {
          if (now - statSync(dir).mtimeMs > STALE_TEMP_MS) rmSync(dir, { recursive: true, force: true });
        } else if (/^[0-9a-f]{64}$/.test(name)) {
          entries.push({ dir, at: statSync(join(dir, ENTRY_FILE)).mtimeMs });
        }
      } catch {
        // removed meanwhile by another run's prune
      }
    }
    entries.sort((a, b) => b.at - a.at);
    for (const old of entries.slice(KEEP_ENTRIES)) {
      // Out of sight first (a rename), then removed: a reader never finds half an entry under a key.
      try {
        const trash = mkdtempSync(join(this.dir, '.tmp-'));
        renameSync(old.dir, join(trash, 'entry'));
        rmSync(trash, { recursive: true, force: true });
      } catch {
        // another run pruned it first
      }
    }
  }
}

function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // pruned meanwhile: the copy is already made
  }
}
