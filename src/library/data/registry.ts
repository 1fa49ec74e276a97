import { invalid } from '../errors/index';
import { headRows, type Dataset } from './dataset';
import { loadFashionMnist } from './fashion-mnist';
import { loadIris } from './iris';
import { DEFAULT_DATA_DIR, readManifest } from './manifest';
import { loadMnist } from './mnist';
import { loadTable } from './table';

/** Options of `loadDataset`, the subset a paper's config can name. */
export interface LoadDatasetOptions {
  /** Keep the first `limit` rows (in the loader's fixed order). Default: all. */
  limit?: number;
  /** Fashion-MNIST only: `'train'` (default) or `'test'`. */
  split?: 'train' | 'test';
  /** Folder of the tables' manifest. Default: the repository's `data/`. */
  dataDir?: string;
}

/** Names `loadDataset` knows besides the tables of `data/manifest.yaml`. */
export const BUILTIN_DATASETS: readonly string[] = ['mnist', 'fashion-mnist', 'iris'];

/**
 * Loads a data set by the name a config gives it: `mnist`, `fashion-mnist`, `iris`, or a table of
 * `data/manifest.yaml` (e.g. `breast-cancer`). Use the specific loaders for their other options.
 */
export function loadDataset(name: string, options: LoadDatasetOptions = {}): Dataset {
  const { limit, split, dataDir = DEFAULT_DATA_DIR } = options;
  if (split !== undefined && name !== 'fashion-mnist') throw invalid(`loadDataset(${name}, options.split)`, 'no split (only fashion-mnist has train/test files)', split);
  let ds: Dataset;
  if (name === 'fashion-mnist') return loadFashionMnist({ split, limit });
  if (name === 'mnist') ds = loadMnist();
  else if (name === 'iris') ds = loadIris();
  else {
    const tables = readManifest(dataDir).map((e) => e.name);
    if (!tables.includes(name)) throw invalid('loadDataset(name)', `one of ${[...BUILTIN_DATASETS, ...tables].join(', ')}`, name);
    ds = loadTable(name, { dataDir });
  }
  if (limit === undefined) return ds;
  if (!Number.isInteger(limit) || limit < 1 || limit > ds.shape[0]!) throw invalid(`loadDataset(${name}, options.limit)`, `an integer in 1..${ds.shape[0]}`, limit);
  return headRows(ds, limit);
}
