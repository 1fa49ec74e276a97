import { createHash } from 'node:crypto';
import { PaperlabError } from '../errors/index';

/** sha256 of bytes or text (UTF-8), lowercase hex: the project's one digest. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Throws a `PaperlabError` (code `checksum-mismatch`) when `bytes` do not hash to `expected`.
 * `what` names the file (and the manifest entry that pins it), `fix` says what to do about it.
 */
export function verifySha256(bytes: Uint8Array, expected: string, what: string, fix: string): string {
  const got = sha256(bytes);
  if (got !== expected.toLowerCase()) {
    throw new PaperlabError(
      'checksum-mismatch',
      `${what}: sha256 mismatch: expected ${expected}, got ${got}; the file differs from the one pinned, refusing to load it; ${fix}`,
      { where: what, expected, received: got, hint: fix },
    );
  }
  return got;
}
