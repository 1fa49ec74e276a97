import { invalid } from '../errors/index';
import { checkContentOverlap, checkOverlap, TEST_OVERLAP_SHARE } from './overlap';
import { checkDuplicates, type DuplicateOptions } from './duplicates';
import { checkNearDuplicates } from './near-duplicates';
import { checkOversampling } from './oversampling';
import { checkImageDuplicates, type ImageDuplicateOptions } from './image-duplicates';
import { checkFeatures, checkUnavailableFeatures, inferTask, type Task } from './features';
import { checkTemporal } from './temporal';
import { checkGroups } from './groups';
import { samplingBiasQuestion } from './sampling-bias';
import { checkFits, type LeakageLedger } from './ledger';
import { applyAcceptances, blockingFindings, checkAcceptances } from './accept';
import { checkParts, type CheckedParts, type Parts } from './parts';
import { column, nRows, type Table } from './table';
import type { Images } from './image-hash';
import { RULE_IDS, type Acceptance, type Finding, type LeakageReport } from './types';

/** What the data declares and which checks to run. Every field is optional. */
export interface LeakageOptions {
  /** Label column: enables the single-feature check (L2) and is left out of duplicate keys. */
  label?: string;
  /**
   * Feature columns the model uses; also the key of the duplicate check. Default: every column
   * but label, time and group. Leave out row-id columns: a unique id makes every row distinct.
   */
  features?: string[];
  /** Columns not known at prediction time (L2). */
  unavailableAtPrediction?: string[];
  /** Score threshold of the single-feature check (L2; default 0.98 for classes, 0.85 for a numeric label). */
  featureThreshold?: number;
  /** Task of the label (L2 scoring). Default: inferred from the label (`inferTask`), and the report says so. */
  task?: Task;
  /** Time column (L3.1). */
  time?: string;
  /** Unit id column: patient, subject, site (L3.2). */
  group?: string;
  /** Duplicate options (L1.4); `false` skips. Default keys: the features. */
  duplicates?: DuplicateOptions | false;
  /** Images of the rows, same order (L1.4 by perceptual hash). */
  images?: Images;
  imageOptions?: ImageDuplicateOptions;
  /** Ledger whose fits are checked (L1.2, L1.3). Fits are only checked when a ledger is given. */
  ledger?: LeakageLedger;
  /** The population the claim is about, quoted in the L3.3 question. */
  population?: string;
  /** Findings accepted on purpose, each with its reason. */
  accept?: Acceptance[];
}

function featureColumns(t: Table, o: LeakageOptions): string[] {
  if (o.features) {
    if (!Array.isArray(o.features)) throw invalid('checkLeakage(options.features)', 'a list of column names', typeof o.features);
    for (const f of o.features) column(t, f, 'checkLeakage(options.features)');
    return o.features;
  }
  const skip = new Set([o.label, o.time, o.group].filter((x): x is string => typeof x === 'string'));
  return Object.keys(t.columns).filter((c) => !skip.has(c));
}

/**
 * Runs every check the options make possible on one split of `t`, in taxonomy order: L1.1
 * overlap, L1.2/L1.3 fits (with a ledger), L1.4 duplicates (rows, images), L2 features (with a
 * label or unavailable columns), L3.1 time, L3.2 groups, and the L3.3 question. Does not throw on
 * findings; see `assertNoLeakage` and `splitWithChecks`.
 */
export function checkLeakage(t: Table, parts: Parts, options: LeakageOptions = {}): LeakageReport {
  const n = nRows(t, 'checkLeakage(table)');
  const p = checkParts(parts, n, 'checkLeakage(parts)');
  const accept = checkAcceptances(options.accept, 'checkLeakage(options.accept)');
  const features = featureColumns(t, options);
  const findings: Finding[] = [];
  const run: string[] = [];
  const add = (name: string, f: Finding[]): void => {
    run.push(name);
    findings.push(...f);
  };
  add('L1.1 overlap', checkOverlap(n, p));
  if (options.ledger) add('L1.2/L1.3 fits', checkFits(p, options.ledger));
  const duplicates = options.duplicates !== false && features.length > 0
    ? checkDuplicates(t, p, { columns: features, ...(options.duplicates ?? {}) }) : undefined;
  const keys = (options.duplicates && options.duplicates.columns) || features;
  const copied = contentOverlap(t, p, keys, findings, duplicates);
  if (copied) add('L1.1 content overlap', copied);
  // the task first: a numeric label has no classes for the oversampling check to search
  const task: LeakageReport['task'] = options.label === undefined ? undefined
    : inferTask(column(t, options.label, 'checkLeakage(options.label)') as ArrayLike<number | string>, options.task);
  const oversampled = features.length > 0
    ? checkOversampling(t, p, { label: task?.task === 'classification' ? options.label : undefined, columns: features }) : undefined;
  if (duplicates && oversampled) dropCopiesOfOversampling(duplicates, oversampled);
  if (duplicates) add('L1.4 duplicates', duplicates);
  if (duplicates) add('L1.4 near-duplicates', checkNearDuplicates(t, p, { columns: keys }));
  if (oversampled) add('L1.2 oversampled-test', oversampled);
  if (options.images) add('L1.4 image duplicates', checkImageDuplicates(options.images, p, options.imageOptions));
  if (options.unavailableAtPrediction) {
    add('L2 unavailable features', checkUnavailableFeatures(t, features, options.unavailableAtPrediction, 'checkLeakage(options.unavailableAtPrediction)'));
  }
  if (options.label !== undefined && task) {
    add(`L2 single-feature (${task.task}${task.inferred ? ', inferred from the label' : ''})`,
      checkFeatures(t, { label: options.label, features, threshold: options.featureThreshold, rows: p.train, task: task.task }));
  }
  if (options.time !== undefined) add('L3.1 temporal', checkTemporal(t, p, options.time));
  if (options.group !== undefined) add('L3.2 groups', checkGroups(t, p, options.group));
  add('L3.3 sampling bias', [samplingBiasQuestion(options.population)]);
  // taxonomy order, whatever order the checks ran in (content overlap, L1.1, runs after the fits)
  const order = (f: Finding): number => RULE_IDS.indexOf(f.rule);
  const marked = applyAcceptances([...findings].sort((a, b) => order(a) - order(b)), accept);
  return { findings: marked, ok: blockingFindings(marked).length === 0, checksRun: run, ...(task ? { task } : {}) };
}

/**
 * Random oversampling before the split leaves exact copies of training rows in the test part, which
 * the duplicate check also reports, with the advice to deduplicate before splitting: wrong here,
 * since the copies were made by the oversampling. When the L1.2 finding accounts for every exact
 * copy, the L1.4 one goes and the L1.2 finding's remedy stands alone.
 */
function dropCopiesOfOversampling(duplicates: Finding[], oversampled: readonly Finding[]): void {
  const exact = duplicates.findIndex((f) => f.check === 'exact-duplicates');
  const copies = oversampled.find((f) => f.details?.kind === 'duplicated');
  if (exact < 0 || !copies) return;
  const explained = copies.count + Number(copies.details?.copiesInOtherClasses ?? 0);
  if (duplicates[exact]!.count <= explained) duplicates.splice(exact, 1);
}

/**
 * L1.1 by content, run when it can change the verdict: the duplicate check found exact copies of
 * training rows in at least {@link TEST_OVERLAP_SHARE} of the evaluation rows (or did not run);
 * undefined when it did not run. Same key columns as the duplicate check.
 * Its finding then replaces L1.4 `exact-duplicates` in `duplicates`, whose remedy would delete the
 * test set. Rows shared by id count as copies; skipped when every test row is a training row by
 * id (L1.1 `test-is-train` by id says it all).
 */
function contentOverlap(t: Table, p: CheckedParts, keys: string[], sofar: readonly Finding[], duplicates: Finding[] | undefined): Finding[] | undefined {
  if (keys.length === 0 || sofar.some((f) => f.check === 'test-is-train' || f.check === 'no-test-set')) return undefined;
  // rows shared by id (L1.1 row-overlap) count too: they are training rows in the test part
  const byId = sofar.find((f) => f.check === 'row-overlap')?.count ?? 0;
  const exact = duplicates?.findIndex((f) => f.check === 'exact-duplicates') ?? -1;
  const copies = byId + (exact >= 0 ? duplicates![exact]!.count : 0);
  // without copies under other ids, the L1.1 finding by id already says everything
  if (duplicates && (exact < 0 || copies < TEST_OVERLAP_SHARE * p.evaluation.length)) return undefined;
  const found = checkContentOverlap(t, p, keys);
  if (found.length > 0 && duplicates && exact >= 0) duplicates.splice(exact, 1);
  return found;
}
