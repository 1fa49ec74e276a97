import { spawnSync } from 'node:child_process';
import { sha256 } from './digest';

/** Where the code of a run came from. All fields null when `root` is not inside a git work tree with a commit. */
export interface GitState {
  /** HEAD commit (40 hex digits). */
  commit: string | null;
  /** True when tracked files differ from HEAD or untracked (not ignored) files exist. */
  dirty: boolean | null;
  /** sha256 (hex) of `git diff HEAD --binary`; null when there is no diff. */
  diffSha256: string | null;
  /** Untracked, not ignored files (paths relative to the repository root), sorted. Names only, not contents. */
  untracked: string[];
}

/** Reads commit, dirty flag, diff digest and untracked names of the repository holding `root`. */
export function gitState(root: string): GitState {
  const none: GitState = { commit: null, dirty: null, diffSha256: null, untracked: [] };
  const head = git(root, ['rev-parse', '--verify', 'HEAD']);
  if (!head) return none;
  // --no-ext-diff/--no-color: the digest must not depend on the user's diff tools or terminal.
  const diff = git(root, ['diff', 'HEAD', '--binary', '--no-ext-diff', '--no-color', '--no-textconv']);
  const others = git(root, ['ls-files', '--others', '--exclude-standard', '--full-name', '-z', ':/']);
  if (diff === null || others === null) return { ...none, commit: head.toString('utf8').trim() };
  const untracked = others.toString('utf8').split('\0').filter(Boolean).sort();
  return {
    commit: head.toString('utf8').trim(),
    dirty: diff.length > 0 || untracked.length > 0,
    diffSha256: diff.length > 0 ? sha256(diff) : null,
    untracked,
  };
}

// stdout bytes of a git command, or null when git is missing or the command fails.
function git(cwd: string, args: string[]): Buffer | null {
  const r = spawnSync('git', args, { cwd, maxBuffer: 1 << 30, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
  return r.status === 0 && r.stdout ? r.stdout : null;
}
