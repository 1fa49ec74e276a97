import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

/** sha256 of bytes or text, as lowercase hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** sha256 (hex) of a file's bytes, or null when the file does not exist. */
export function fileSha256(path: string): string | null {
  return existsSync(path) ? sha256(readFileSync(path)) : null;
}
