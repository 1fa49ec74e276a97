import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

// One plotly bundle (4.8 MB) per report folder instead of one per page: the pages of a folder
// load it with <script src>, beside them. Its name carries the version and a digest of the bytes,
// so a folder rendered again with a newer plotly never serves a page the old bundle.

/** Names a shared plotly file may have; pages refuse any other script source. */
export const PLOTLY_ASSET_NAME = /^plotly-[0-9A-Za-z.]+-[0-9a-f]{12}\.min\.js$/;

/** The bundle's text and the file name it is written under in a report folder. */
export interface PlotlyAsset {
  fileName: string;
  source: string;
}

let cached: PlotlyAsset | undefined;

/** The installed plotly.js-dist-min bundle, named `plotly-<version>-<sha256 prefix>.min.js`. */
export function plotlyAsset(): PlotlyAsset {
  if (cached) return cached;
  const source = readFileSync(require.resolve('plotly.js-dist-min/plotly.min.js'), 'utf8');
  const version = (JSON.parse(readFileSync(require.resolve('plotly.js-dist-min/package.json'), 'utf8')) as { version: string }).version;
  const digest = createHash('sha256').update(source).digest('hex').slice(0, 12);
  cached = { fileName: `plotly-${version}-${digest}.min.js`, source };
  return cached;
}

/** Writes the bundle into `dir` atomically (a page never loads half of it) and returns its path. */
export function writePlotlyAsset(dir: string): string {
  const asset = plotlyAsset();
  const path = join(dir, asset.fileName);
  writeFileAtomic.sync(path, asset.source);
  return path;
}
