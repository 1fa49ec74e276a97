import { randomBytes } from 'node:crypto';

/** A Jupyter MIME bundle: MIME type to data, e.g. `{ 'text/plain': '…', 'text/html': '…' }`. */
export type MimeBundle = Record<string, unknown>;

type WriteDisplayData = (
  msg: { data: MimeBundle; metadata: Record<string, unknown>; transient: { display_id?: string } },
  update: boolean,
) => void;

/**
 * tslab's public `display.raw()` sends one MIME type per output, but a record must carry JSON for
 * the runner and text/plain for people. tslab (pinned 1.0.22) keeps the current cell's writer in
 * `dist/jupyter.lastWriteDisplayData`; we call it directly. Outside a kernel this returns null.
 */
function kernelWriter(): WriteDisplayData | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jupyter = require('tslab/dist/jupyter') as { lastWriteDisplayData: WriteDisplayData | null };
    return jupyter.lastWriteDisplayData;
  } catch {
    return null;
  }
}

/** True inside a running tslab kernel cell. */
export function inKernel(): boolean {
  return kernelWriter() !== null;
}

/**
 * Shows a bundle as a cell output. Outside a kernel it prints the bundle's text/plain (if any),
 * so library code behaves sensibly in scripts and tests. Returns true when a kernel got it.
 */
export function show(bundle: MimeBundle, displayId?: string, update = false): boolean {
  const write = kernelWriter();
  if (!write) {
    if (typeof bundle['text/plain'] === 'string') console.log(bundle['text/plain']);
    return false;
  }
  write({ data: bundle, metadata: {}, transient: displayId ? { display_id: displayId } : {} }, update);
  return true;
}

/** An output that rewrites itself in place (Jupyter update_display_data): for progress and live plots. */
export interface LiveDisplay {
  update(bundle: MimeBundle): void;
}

/** A new live display; the first `update` creates the output, later ones overwrite it. */
export function liveDisplay(): LiveDisplay {
  const id = randomBytes(8).toString('hex'); // an output id, not an experiment draw
  let shown = false;
  return {
    update(bundle) {
      show(bundle, id, shown);
      shown = true;
    },
  };
}
