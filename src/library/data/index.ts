// Data sets: loaders for the offline sources in ../shared/STACK.md, the small tables of data/,
// and the synthetic generators of the papers. Every loader returns one `Dataset` shape.
export { type Dataset, type DatasetExpectation, checkDataset, countClasses, headRows, takeRows } from './dataset';
export { sha256, verifySha256 } from './checksum';
export { loadMnist, MNIST_CLASS_COUNTS, MNIST_SHA256, type MnistOptions } from './mnist';
export { loadFashionMnist, FASHION_MNIST_CLASSES, FASHION_MNIST_DIR, type FashionMnistOptions } from './fashion-mnist';
export { loadIris, IRIS_FEATURES } from './iris';
export { parseIdx, type IdxArray } from './idx';
export { parseCsv, parseCell, type CsvTable } from './csv';
export { readManifest, DEFAULT_DATA_DIR, type TableEntry } from './manifest';
export { loadTable, loadTableFrame, tableEntry, type TableOptions } from './table';
export { loadDataset, BUILTIN_DATASETS, type LoadDatasetOptions } from './registry';
export * from './synthetic/index';
