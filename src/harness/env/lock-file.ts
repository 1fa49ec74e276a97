import { readFileSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { Document, isMap, isScalar, parse } from 'yaml';
import { PaperlabError, invalid } from '../../library/errors/index';
import { LOCK_VERSION, type Environment } from './types';

// environment.lock: the one module that knows its name, format, writer and reader.

/** The lock at the repository root. */
export const LOCK_FILE = 'environment.lock';

const HEADER = [
  ' paperlab environment lock: the environment results are produced in.',
  ' Regenerate: `paperlab env lock`. Compare the running machine: `paperlab env check`.',
  ' Not recorded on purpose: hostname, free memory, uptime, paths (they vary between machines of one kind).',
].join('\n');

const SECTION_COMMENTS: Record<string, string> = {
  strict: ' strict: must match exactly (versions, lockfile digest, OS, which TF.js backends work, whether the native compute path is on, its BLAS and threads); any difference fails `env check`.',
  info: ' info: describes the machine (kernel build, CPU, memory, GPU); differences are reported but never fail `env check`.',
};

/** Renders an environment as the human-readable YAML of `environment.lock`; same input, same bytes. */
export function formatLock(env: Environment): string {
  const doc = new Document(env);
  doc.commentBefore = HEADER;
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (SECTION_COMMENTS[key] && isScalar(pair.key)) pair.key.commentBefore = SECTION_COMMENTS[key];
    }
  }
  // lineWidth 0: never fold long values (CPU model names), so one key is always one line.
  return doc.toString({ lineWidth: 0 });
}

/** Parses `environment.lock` text; `where` (a path) names the file in errors. */
export function parseLock(text: string, where = LOCK_FILE): Environment {
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    throw invalid(where, 'YAML written by `paperlab env lock`', 'text that does not parse', firstLine((err as Error).message));
  }
  const obj = data as Partial<Environment> | null;
  if (!obj || typeof obj !== 'object') throw invalid(where, 'a mapping with lockVersion, strict and info', typeof data);
  if (obj.lockVersion !== LOCK_VERSION) {
    throw invalid(`${where} lockVersion`, String(LOCK_VERSION), obj.lockVersion ?? 'nothing', 'regenerate it with `paperlab env lock`');
  }
  for (const section of ['strict', 'info'] as const) {
    const value = obj[section];
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid(`${where} ${section}`, 'a mapping', value ?? 'nothing');
  }
  return obj as Environment;
}

/** Reads and parses a lock file; a missing file is a PaperlabError that says how to create one. */
export function readLock(path: string): Environment {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new PaperlabError('missing-lock', `${path}: cannot read the environment lock (${(err as NodeJS.ErrnoException).code}); create it with \`paperlab env lock\``, { where: path });
  }
  return parseLock(text, path);
}

/** Writes the lock atomically (temp file + rename, via write-file-atomic): never half a lock. */
export function writeLockFile(path: string, text: string): void {
  writeFileAtomic.sync(path, text);
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}
