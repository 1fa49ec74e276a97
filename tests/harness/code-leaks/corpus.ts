// A planted corpus for the static leakage check: small notebooks (a list of code cells) and paper
// helper files, written as a user writes them. A comment `// LEAK <check>` marks the line where a
// leak is and the check that must name it; every unmarked line must stay silent. The clean cases
// do the same work the right way, and several look suspicious on purpose (a fit before a split of
// other data, a test score compared with a constant, a curve over sizes evaluated on test, a
// tuning loop scored by cross-validation, a second split per seed).

export interface CorpusCase {
  name: string;
  /** Code cells in order (a notebook), or one file's text when `file` is set. */
  cells: string[];
  /** A .ts helper file rather than a notebook. */
  file?: boolean;
}

const IMPORTS = `import { loadTable, takeRows } from './src/library/data/index';
import { holdout, kfold, stratifiedKfold } from './src/library/splits/index';
import { standardScaler, minMaxScaler, meanImputer, oneHotEncoder, randomOversampler, selectKBestCorrelation, varianceThreshold, splitWithChecks, rowMatrix, valuesAt } from './src/library/leakage/index';
import { accuracy, rocAuc } from './src/library/metrics/index';`;

const LOAD = `const t = loadTable('breast-cancer-table');
const n = t.columns.label.length;
const allRows = Int32Array.from({ length: n }, (_, i) => i);
const features = Object.keys(t.columns).filter((c) => c !== 'label');`;

export const LEAKY: CorpusCase[] = [
  {
    name: 'scaler fitted on all rows, then the scaled table split',
    cells: [IMPORTS, LOAD, `const scaled = standardScaler({ columns: features }).fit(t, allRows).transform(t); // LEAK code-preprocessing-fit
console.log('scaled', features.length, 'columns');`,
    `const splits = stratifiedKfold({ nSplits: 5, shuffle: true }).split({ nSamples: n, y: scaled.columns.label });
for (const split of splits) {
  const xTest = rowMatrix(scaled, features, split.test);
  console.log(split.fold, xTest.length);
}`],
  },
  {
    name: 'imputer on all rows although the table is split',
    cells: [IMPORTS, LOAD, `const [split] = holdout({ testSize: 0.2, shuffle: true }).split({ nSamples: n });`,
      `const imputer = meanImputer({ columns: features });
imputer.fit(t, allRows); // LEAK code-preprocessing-fit
const filled = imputer.transform(t);`],
  },
  {
    name: 'SMOTE before the split',
    cells: [IMPORTS, LOAD, `const balanced = smote(t, { label: 'label', k: 5 }); // LEAK code-resampling-fit
const m = balanced.columns.label.length;`,
    `const folds = kfold({ nSplits: 5, shuffle: true }).split({ nSamples: m });`],
  },
  {
    name: 'random oversampling of every row, the copies split by a local helper (as papers/kapoor2023-leakage shows the leak)',
    cells: [IMPORTS, LOAD, `const folds = (table) => stratifiedKfold({ nSplits: 5, shuffle: true }).split({ nSamples: table.columns.label.length, y: table.columns.label });`,
      `const overRows = randomOversampler({ label: 'label' }).fitResample(t, allRows); // LEAK code-resampling-fit
const overTable = takeRows(t, overRows);`,
      `for (const split of folds(overTable)) console.log(split.fold, split.test.length);`],
  },
  {
    name: 'feature selection on all rows, then splitWithChecks',
    cells: [IMPORTS, LOAD, `const selector = selectKBestCorrelation({ label: 'label', k: 10, columns: features }).fit(t, allRows); // LEAK code-selection-fit
const kept = selector.selected;`,
    `for (const { split, report } of splitWithChecks(t, kfold({ nSplits: 5 }), { label: 'label', features: kept })) {
  console.log(split.fold, report.ok);
}`],
  },
  {
    name: 'variance threshold on the whole table, in the same cell as the split',
    cells: [IMPORTS, LOAD, `const vt = varianceThreshold({ threshold: 0.01 });
vt.fit(t, allRows); // LEAK code-selection-fit
const splits = kfold({ nSplits: 3 }).split({ nSamples: n });`],
  },
  {
    name: 'scikit-learn style: fitTransform, then trainTestSplit',
    cells: [`const X = loadMatrix('x.csv');
const y = loadLabels('y.csv');
const scaler = new StandardScaler();
const Xs = scaler.fitTransform(X); // LEAK code-preprocessing-fit
const [XTrain, XTest, yTrain, yTest] = trainTestSplit(Xs, y, { testSize: 0.25 });
const model = new LogisticRegression().fit(XTrain, yTrain);
console.log(model.score(XTest, yTest));`],
  },
  {
    name: 'one-hot encoder fitted on every row after a holdout split',
    cells: [IMPORTS, LOAD, `const parts = holdout({ testSize: 0.3 }).split({ nSamples: n })[0];
const enc = oneHotEncoder({ columns: ['site'] }).fit(t, allRows); // LEAK code-preprocessing-fit
const encoded = enc.transform(t);`],
  },
  {
    name: 'scaler fitted on the test rows',
    cells: [IMPORTS, LOAD, `const [split] = holdout({ testSize: 0.2 }).split({ nSamples: n });
const scaler = minMaxScaler({ columns: features }).fit(t, split.test); // LEAK code-preprocessing-fit`],
  },
  {
    name: 'test set reused in a hyperparameter loop',
    cells: [IMPORTS, LOAD, `const [split] = holdout({ testSize: 0.2, shuffle: true }).split({ nSamples: n });
const xTrain = rowMatrix(t, features, split.train);
const yTrain = valuesAt(t, 'label', split.train);
const xTest = rowMatrix(t, features, split.test);
const yTest = valuesAt(t, 'label', split.test);`,
    `let bestK = 1;
let bestAcc = -1;
for (const k of [1, 3, 5, 7, 9]) {
  const acc = accuracy(yTest, knnPredict(xTrain, yTrain, xTest, k)); // LEAK code-test-reuse
  if (acc > bestAcc) { bestAcc = acc; bestK = k; }
}
record('accuracy', bestAcc);`],
  },
  {
    name: 'candidates scored on the test set with map, the best taken by argmax',
    cells: [IMPORTS, LOAD, `const [split] = holdout({ testSize: 0.2 }).split({ nSamples: n });
const candidates = [{ c: 0.1 }, { c: 1 }, { c: 10 }];`,
    `const scores = candidates.map((cand) => rocAuc(valuesAt(t, 'label', split.test), trainLogistic(t, split.train, cand).predict(t, split.test))); // LEAK code-test-reuse
const best = candidates[argmax(scores)];`],
  },
  {
    name: 'two models compared on the test set, the winner kept',
    cells: [IMPORTS, LOAD, `const [split] = holdout({ testSize: 0.2 }).split({ nSamples: n });
const yTest = valuesAt(t, 'label', split.test);
const accKnn = accuracy(yTest, knn.predict(t, split.test));
const accLr = accuracy(yTest, logistic.predict(t, split.test));
const chosen = accKnn > accLr ? knn : logistic; // LEAK code-test-reuse
record('accuracy', Math.max(accKnn, accLr));`],
  },
  {
    name: 'tuning on each fold\'s test part (not nested cross-validation)',
    cells: [IMPORTS, LOAD, `const splits = kfold({ nSplits: 5, shuffle: true }).split({ nSamples: n });
const perFold = [];
for (const split of splits) {
  let best = -Infinity;
  for (const depth of [2, 4, 8]) {
    const s = score(trainTree(t, split.train, depth), t, split.test); // LEAK code-test-reuse
    if (s > best) best = s;
  }
  perFold.push(best);
}`],
  },
  {
    name: 'helper file: scaler fitted on all rows of a table whose splits it is given',
    file: true,
    cells: [`import type { Split } from '../../src/library/splits/index';
import { standardScaler, type Table } from '../../src/library/leakage/index';

export function evaluate(t: Table, splits: readonly Split[], features: string[]): number[] {
  const all = Int32Array.from({ length: t.columns.label.length }, (_, i) => i);
  const scaler = standardScaler({ columns: features }).fit(t, all); // LEAK code-preprocessing-fit
  const scaled = scaler.transform(t);
  return splits.map((split) => knnAccuracy(scaled, split.train, split.test));
}`],
  },
  {
    name: 'through the facade (src/index namespaces), destructured parts, a let reassigned in a later cell',
    cells: [`import { data, splits, leakage, metrics, record } from './src/index';`,
      `let table = data.loadTable('breast-cancer-table');
const rows = Array.from({ length: table.columns.label.length }, (_, i) => i);`,
      `table = leakage.minMaxScaler({}).fit(table, rows).transform(table); // LEAK code-preprocessing-fit`,
      `const { train, test } = splits.holdout({ testSize: 0.2 }).split({ nSamples: rows.length, y: table.columns.label })[0];
const model = fitKnn(table, train);
record('accuracy', metrics.accuracy(leakage.valuesAt(table, 'label', test), model.predict(table, test)));`],
  },
  {
    name: 'a forEach over candidates, the running best kept in an object',
    cells: [IMPORTS, LOAD, `const { train, test } = holdout({ testSize: 0.25 }).split({ nSamples: n })[0];
const best = { auc: 0, lr: 0 };
[1e-3, 1e-2, 1e-1].forEach((lr) => {
  const auc = rocAuc(valuesAt(t, 'label', test), trainMlp(t, train, lr).scores(t, test)); // LEAK code-test-reuse
  if (auc > best.auc) Object.assign(best, { auc, lr });
});`],
  },
  {
    name: 'PCA fitted on every row, its output split by a KFold object',
    cells: [`const X = loadMatrix('x.csv');
const pca = new PCA({ nComponents: 10 });
const Z = pca.fitTransform(X); // LEAK code-preprocessing-fit
const folds = new KFold({ nSplits: 5 }).split({ nSamples: Z.length });`],
  },
  {
    name: 'danfo-style scaler object fitted on the whole frame, then trainTestSplit',
    cells: [`const df = await dfd.readCSV('x.csv');
const scaler = new dfd.StandardScaler();
scaler.fit(df); // LEAK code-preprocessing-fit
const scaledDf = scaler.transform(df);`, `const [trainDf, testDf] = trainTestSplit(scaledDf, { testSize: 0.2 });`],
  },
  {
    name: 'SMOTE on arrays, destructured, then split with stratification',
    cells: [`const xAll = loadMatrix('x.csv');
const y = loadLabels('y.csv');
const { x: xRes, y: yRes } = smote(xAll, y, { k: 5 }); // LEAK code-resampling-fit
const [xTr, xTe, yTr, yTe] = trainTestSplit(xRes, yRes, { testSize: 0.3, stratify: yRes });`],
  },
  {
    name: 'early stopping on the test loss',
    cells: [IMPORTS, LOAD, `const [split] = holdout({ testSize: 0.2 }).split({ nSamples: n });
const xTest = rowMatrix(t, features, split.test);
let bestLoss = Infinity;
let epoch = 0;
while (epoch++ < 100) {
  step(model, rowMatrix(t, features, split.train));
  const testLoss = loss(model, xTest); // LEAK code-test-reuse
  if (testLoss < bestLoss) { bestLoss = testLoss; checkpoint(model); }
}`],
  },
  {
    name: 'models scored on the test set in a loop, the results sorted',
    cells: [IMPORTS, LOAD, `const [split] = holdout({ testSize: 0.2 }).split({ nSamples: n });
const results = [];
for (const model of [knn(), forest(), logistic()]) {
  model.fit(rowMatrix(t, features, split.train), valuesAt(t, 'label', split.train));
  results.push({ model, acc: model.score(rowMatrix(t, features, split.test), valuesAt(t, 'label', split.test)) }); // LEAK code-test-reuse
}
results.sort((a, b) => b.acc - a.acc);`],
  },
  {
    name: 'min-max scaling chained in one expression before a k-fold split',
    cells: [`const tbl = loadTable('wine');
const norm = minMaxScaler({ columns: cols }).fit(tbl, Array.from({ length: 178 }, (_, i) => i)).transform(tbl); // LEAK code-preprocessing-fit
const fs = kfold({ nSplits: 10, shuffle: true, seed }).split({ nSamples: 178, y: norm.columns.y });`],
  },
  {
    name: 'imputer in the first cell, splitWithChecks on the imputed table two cells later',
    cells: [`const raw = loadTable('diabetes');
const imp = meanImputer().fit(raw, allIds(raw)); // LEAK code-preprocessing-fit
const full = imp.transform(raw);`, `console.log('imputed');`, `for (const { split } of splitWithChecks(full, stratifiedKfold({ nSplits: 5 }), { label: 'y' })) console.log(split.fold);`],
  },
  {
    name: 'grid search over two hyperparameters on the holdout test part',
    cells: [`const sp = stratifiedHoldout({ testSize: 0.25 }).split({ nSamples: n, y })[0];
let best = { score: -1, C: 0, gamma: 0 };
for (const C of [0.1, 1, 10]) {
  for (const gamma of [0.01, 0.1]) {
    const score = svmAccuracy(x, y, sp.train, sp.test, { C, gamma }); // LEAK code-test-reuse
    if (score > best.score) best = { score, C, gamma };
  }
}`],
  },
  {
    name: 'feature selection before a time-series split',
    cells: [`const series = loadTable('prices');
const everyRow = series.columns.price.map((_, i) => i);
const chosen = selectKBestCorrelation({ label: 'price', k: 5 }).fit(series, everyRow).selected; // LEAK code-selection-fit
const folds = timeSeriesSplit({ nSplits: 4 }).split({ nSamples: everyRow.length });`],
  },
  {
    name: 'the epoch chosen by test accuracy: pushed per epoch, then argmax by indexOf(max)',
    cells: [`const [sp] = holdout({ testSize: 0.2 }).split({ nSamples: n });
const accs: number[] = [];
for (let epoch = 0; epoch < 50; epoch++) {
  trainEpoch(net, sp.train); accs.push(evaluate(net, sp.test)); // LEAK code-test-reuse
}
const bestEpoch = accs.indexOf(Math.max(...accs));`],
  },
];

export const CLEAN: CorpusCase[] = [
  {
    name: 'split, then a scaler fitted on the training rows and applied to both parts',
    cells: [IMPORTS, LOAD, `const [split] = holdout({ testSize: 0.2, shuffle: true }).split({ nSamples: n });
const scaler = standardScaler({ columns: features }).fit(t, split.train);
const scaled = scaler.transform(t);
const xTest = rowMatrix(scaled, features, split.test);`],
  },
  {
    name: 'imputer, selector and oversampler inside each fold, on its training rows',
    cells: [IMPORTS, LOAD, `const splits = stratifiedKfold({ nSplits: 5, shuffle: true }).split({ nSamples: n, y: t.columns.label });
const aucs = [];
for (const split of splits) {
  const filled = meanImputer({ columns: features }).fit(t, split.train, { fold: split.fold }).transform(t);
  const kept = selectKBestCorrelation({ label: 'label', k: 10, columns: features }).fit(filled, split.train).selected;
  const trainRows = randomOversampler({ label: 'label' }).fitResample(filled, split.train);
  const model = knn({ k: 1 }).fit(rowMatrix(filled, kept, trainRows), valuesAt(filled, 'label', trainRows));
  const auc = rocAuc(valuesAt(filled, 'label', split.test), model.predict(rowMatrix(filled, kept, split.test)));
  aucs.push(auc);
}
record('cv_auc', aucs.reduce((a, b) => a + b, 0) / aucs.length);`],
  },
  {
    name: 'SMOTE on the training part only',
    cells: [IMPORTS, LOAD, `const [split] = holdout({ testSize: 0.2 }).split({ nSamples: n });
const balanced = smote(takeRows(t, split.train), { label: 'label', k: 5 });
const model = trainForest(balanced);`],
  },
  {
    name: 'hyperparameters chosen by cross-validation on the training rows, one final test evaluation',
    cells: [IMPORTS, LOAD, `const [outer] = holdout({ testSize: 0.2, shuffle: true }).split({ nSamples: n });
const trainTable = takeRows(t, outer.train);`,
    `let bestK = 1;
let bestCv = -1;
for (const k of [1, 3, 5, 7]) {
  const inner = kfold({ nSplits: 5 }).split({ nSamples: outer.train.length });
  const cv = mean(inner.map((s) => knnAccuracy(trainTable, s.train, s.test, k)));
  if (cv > bestCv) { bestCv = cv; bestK = k; }
}`,
    `const testAcc = knnAccuracy(t, outer.train, outer.test, bestK);
if (testAcc < 0.6) console.warn('worse than the paper');
record('test_accuracy', testAcc);`],
  },
  {
    name: 'a scaler fitted on a reference table that is never split',
    cells: [IMPORTS, LOAD, `const reference = loadTable('reference-panel');
const refRows = Int32Array.from({ length: reference.columns.label.length }, (_, i) => i);
const scaler = standardScaler({ columns: features }).fit(reference, refRows);
const [split] = holdout({ testSize: 0.2 }).split({ nSamples: n });
const xTest = rowMatrix(scaler.transform(t), features, split.test);`],
  },
  {
    name: 'scikit-learn style: split first, fit on the training part, score once',
    cells: [`const X = loadMatrix('x.csv');
const y = loadLabels('y.csv');
const [XTrain, XTest, yTrain, yTest] = trainTestSplit(X, y, { testSize: 0.25 });
const scaler = new StandardScaler().fit(XTrain);
const model = new LogisticRegression().fit(scaler.transform(XTrain), yTrain);
const acc = model.score(scaler.transform(XTest), yTest);
console.log(acc);`],
  },
  {
    name: 'a learning curve over training sizes, each point evaluated on the test set, nothing picked',
    cells: [IMPORTS, LOAD, `const [split] = holdout({ testSize: 0.5 }).split({ nSamples: n });
for (const size of [10, 20, 40, 80]) {
  const model = fitLeastSquares(rowMatrix(t, features, split.train.slice(0, size)));
  record(\`test_risk_\${size}\`, risk(model, rowMatrix(t, features, split.test)));
}`],
  },
  {
    name: 'one split per seed, each evaluated once, the mean reported',
    cells: [IMPORTS, LOAD, `const accs = [];
for (const s of [0, 1, 2]) {
  const [split] = holdout({ testSize: 0.2, seed: s }).split({ nSamples: n });
  const acc = knnAccuracy(t, split.train, split.test, 1);
  accs.push(acc);
}
record('mean_accuracy', accs.reduce((a, b) => a + b, 0) / accs.length);
console.log(Math.max(...accs) - Math.min(...accs));`],
  },
  {
    name: 'cross-validation loop over splits by index',
    cells: [IMPORTS, LOAD, `const splits = kfold({ nSplits: 5 }).split({ nSamples: n });
let worst = Infinity;
for (let i = 0; i < splits.length; i++) {
  const acc = knnAccuracy(t, splits[i].train, splits[i].test, 1);
  if (acc < worst) worst = acc;
}`],
  },
  {
    name: 'helper file: fits inside the fold loop of the splits it is given',
    file: true,
    cells: [`import type { Split } from '../../src/library/splits/index';
import { standardScaler, type Table } from '../../src/library/leakage/index';

export function evaluate(t: Table, splits: readonly Split[], features: string[]): number[] {
  return splits.map((split) => {
    const scaled = standardScaler({ columns: features }).fit(t, split.train, { fold: split.fold }).transform(t);
    return knnAccuracy(scaled, split.train, split.test);
  });
}`],
  },
  {
    name: 'through the facade: split first, scaler on the training part (the scaffold\'s own imports)',
    cells: [`import { setRootSeed, rng, record, splits, leakage, loadPaperConfig, data } from './src/index';`,
      `const t = data.loadTable('breast-cancer-table');
const [split] = splits.holdout({ testSize: 0.2, shuffle: true }).split({ nSamples: t.columns.label.length });
const scaled = leakage.standardScaler({}).fit(t, split.train).transform(t);
const kept = leakage.varianceThreshold({ threshold: 0 }).fit(scaled, split.train).selected;
record('n_kept', kept.length);`],
  },
  {
    name: 'folds by entries() and by a destructuring forEach, a fold score compared with a constant',
    cells: [IMPORTS, LOAD, `const splits = kfold({ nSplits: 5 }).split({ nSamples: n });
for (const [i, split] of splits.entries()) {
  const sc = standardScaler({}).fit(t, split.train);
  console.log(i, accuracy(valuesAt(t, 'label', split.test), predict(sc.transform(t), split.test)));
}
splits.forEach(({ train, test }, fold) => {
  const sc = standardScaler({}).fit(t, train);
  const s = score(sc.transform(t), test);
  if (s > 0.9) console.log('good fold', fold);
});`],
  },
  {
    name: 'a named fold function without types, passed to map',
    cells: [IMPORTS, LOAD, `function foldAuc(split) {
  const scaled = standardScaler({ columns: features }).fit(t, split.train).transform(t);
  return rocAuc(valuesAt(t, 'label', split.test), knnScores(scaled, split.train, split.test));
}`, `const aucs = stratifiedKfold({ nSplits: 5 }).split({ nSamples: n, y: t.columns.label }).map(foldAuc);
record('cv_auc', aucs.reduce((a, b) => a + b, 0) / aucs.length);`],
  },
  {
    name: 'nested cross-validation: candidates scored on inner folds of each outer training part',
    cells: [`const outer = kfold({ nSplits: 5 }).split({ nSamples: n });
const results = outer.map((o) => {
  const cands = [1, 5, 25].map((k) => ({ k, cv: mean(kfold({ nSplits: 3 }).split({ nSamples: o.train.length }).map((inner) => acc(k, o.train, inner.train, inner.test))) }));
  const bestK = cands.sort((a, b) => b.cv - a.cv)[0].k;
  return acc(bestK, o.train, o.train, o.test);
});`],
  },
  {
    name: 'oversampling the training and validation rows after the split',
    cells: [`const [sp] = holdout({ testSize: 0.2, validationSize: 0.1 }).split({ nSamples: n });
const rows = randomOversampler({ label: 'y' }).fitResample(t, [...sp.train, ...sp.validation]);`],
  },
  {
    name: 'the learning rate chosen on the validation part, the test part used once',
    cells: [`const [sp] = holdout({ testSize: 0.2, validationSize: 0.2 }).split({ nSamples: n });
let bestLr = 0; let bestVal = -1;
for (const lr of [1e-4, 1e-3, 1e-2]) {
  const v = evaluate(trainNet(sp.train, lr), sp.validation);
  if (v > bestVal) { bestVal = v; bestLr = lr; }
}
record('test_accuracy', evaluate(trainNet(sp.train, bestLr), sp.test));`],
  },
  {
    name: 'model fitted on the oversampled training rows of each fold',
    cells: [IMPORTS, LOAD, `for (const split of kfold({ nSplits: 5 }).split({ nSamples: n })) {
  const rows = randomOversampler({ label: 'label' }).fitResample(t, split.train);
  const model = logistic().fit(rowMatrix(t, features, rows), valuesAt(t, 'label', rows));
  console.log(accuracy(valuesAt(t, 'label', split.test), model.predict(rowMatrix(t, features, split.test))));
}`],
  },
];
