import { existsSync, readFileSync } from 'node:fs';
// checksum, not the data index: the CLI's env commands need not load the data loaders.
import { sha256 } from '../../library/data/checksum';

export { sha256 };

/** sha256 (hex) of a file's bytes, or null when the file does not exist. */
export function fileSha256(path: string): string | null {
  return existsSync(path) ? sha256(readFileSync(path)) : null;
}
