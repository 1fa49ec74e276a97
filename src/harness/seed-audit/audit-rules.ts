import type * as TS from 'typescript';
import { RANDOM_INITIALIZERS } from '../../library/random/index';

// The rules read syntax only (no type checker: notebook cells have no project to check against).
// Known blind spots: configs passed as variables (`tf.layers.dense(cfg)`), `model.fit(x, y)` with no
// options object (tfjs still shuffles), tf.data datasets under names other than `ds`/`*dataset`,
// aliases (`const r = Math.random` is caught, `const m = Math; m.random()` is not), and randomness
// inside dependencies. False positives get `// seed-audit: allow <reason>`.

/** What the seed audit looks for; each rule has a hint in `SEED_RULE_HINTS`. */
export type SeedRule =
  | 'math-random' | 'tf-util-shuffle' | 'random-op-unseeded' | 'initializer-unseeded' | 'initializer-string'
  | 'layer-default-initializer' | 'dropout-layer' | 'data-shuffle-unseeded' | 'fit-shuffle'
  | 'library-unseeded' | 'allow-without-reason';

/** One finding inside one parsed source: 1-based line and column. */
export interface RawFinding { line: number; col: number; rule: SeedRule; snippet: string; message: string }

/** Local names bound by imports, by module: `import { util } from '@tensorflow/tfjs'`. */
export interface ImportNames { tf: Map<string, string>; modules: Map<string, string> }

// tfjs-core 4.22 signatures: index of the `seed` argument of each random op.
const RANDOM_OPS = new Map(Object.entries({
  randomNormal: 4, randomUniform: 4, randomUniformInt: 3, truncatedNormal: 4, randomGamma: 4,
  randomStandardNormal: 2, multinomial: 2, dropout: 3,
}));
const RANDOM_INIT_NAMES = new Set<string>(RANDOM_INITIALIZERS);
const RANDOM_INIT_STRINGS = new Set(RANDOM_INITIALIZERS.map((n) => n.toLowerCase()));
const CONV_KEYS = ['kernelInitializer'];
const RNN_KEYS = ['kernelInitializer', 'recurrentInitializer'];
// Random-by-default initializer keys of tfjs-layers 4.22 (DEFAULT_*_INITIALIZER in layers/*.js).
const WEIGHTED_LAYERS = new Map<string, string[]>(Object.entries({
  dense: CONV_KEYS, conv1d: CONV_KEYS, conv2d: CONV_KEYS, conv3d: CONV_KEYS, conv2dTranspose: CONV_KEYS,
  conv3dTranspose: CONV_KEYS, depthwiseConv2d: ['depthwiseInitializer'],
  separableConv2d: ['depthwiseInitializer', 'pointwiseInitializer'], embedding: ['embeddingsInitializer'],
  simpleRNN: RNN_KEYS, simpleRNNCell: RNN_KEYS, lstm: RNN_KEYS, lstmCell: RNN_KEYS, gru: RNN_KEYS,
  gruCell: RNN_KEYS, convLstm2d: RNN_KEYS, convLstm2dCell: RNN_KEYS,
}));
const DROPOUT_LAYERS = new Map<string, { amount: string; seedable: boolean }>(Object.entries({
  dropout: { amount: 'rate', seedable: true }, spatialDropout1d: { amount: 'rate', seedable: true },
  gaussianNoise: { amount: 'stddev', seedable: false }, gaussianDropout: { amount: 'rate', seedable: false },
  alphaDropout: { amount: 'rate', seedable: false },
}));
const FIT_KEYS = new Set(['epochs', 'batchSize', 'callbacks', 'validationSplit', 'validationData', 'initialEpoch', 'classWeight', 'verbose', 'yieldEvery']);

/** Collects names imported from '@tensorflow/*' and from other modules (for library rules). */
export function collectImports(ts: typeof TS, sf: TS.SourceFile, into: ImportNames): void {
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !st.importClause) continue;
    const mod = st.moduleSpecifier.text;
    const clause = st.importClause;
    if (clause.name) into.modules.set(clause.name.text, mod);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) into.modules.set(bindings.name.text, mod);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) {
        const imported = (el.propertyName ?? el.name).text;
        if (mod.startsWith('@tensorflow/')) into.tf.set(el.name.text, imported);
        into.modules.set(el.name.text, mod);
      }
    }
  }
}

/** Finds unseeded randomness in one parsed source; opt-out comments are applied by the caller. */
export function findUnseeded(ts: typeof TS, sf: TS.SourceFile, imports: ImportNames): RawFinding[] {
  const out: RawFinding[] = [];
  const report = (node: TS.Node, rule: SeedRule, message: string): void => {
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    const snippet = node.getText(sf).replace(/\s+/g, ' ');
    out.push({ line: line + 1, col: character + 1, rule, message, snippet: snippet.length > 80 ? `${snippet.slice(0, 77)}...` : snippet });
  };
  const visit = (node: TS.Node): void => {
    if (ts.isPropertyAccessExpression(node)) checkReference(ts, node, imports, report);
    else if (ts.isCallExpression(node)) checkCall(ts, node, imports, report);
    else if (ts.isPropertyAssignment(node)) checkInitializerString(ts, node, report);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

type Report = (node: TS.Node, rule: SeedRule, message: string) => void;

/** `a.b.c` for identifier/property chains, else undefined. */
function dotted(ts: typeof TS, e: TS.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (e.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) return dotted(ts, e.expression);
  if (ts.isPropertyAccessExpression(e)) {
    const left = dotted(ts, e.expression);
    return left === undefined ? undefined : `${left}.${e.name.text}`;
  }
  return undefined;
}

/** Literals TF.js reads as "no seed": it tests `seed ? seed : <Math.random draw>` / `seed || ...`. */
function isNoSeed(ts: typeof TS, e: TS.Expression | undefined): boolean {
  if (e === undefined) return true;
  if (ts.isIdentifier(e)) return e.text === 'undefined';
  if (ts.isNumericLiteral(e)) return Number(e.text) === 0;
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text === '';
  return e.kind === ts.SyntaxKind.NullKeyword || e.kind === ts.SyntaxKind.FalseKeyword || ts.isVoidExpression(e);
}

/** The value of property `key` in an object literal: undefined if absent, 'unknown' if a spread may hold it. */
function prop(ts: typeof TS, obj: TS.ObjectLiteralExpression, key: string): TS.Expression | 'unknown' | undefined {
  let found: TS.Expression | 'unknown' | undefined;
  for (const p of obj.properties) {
    if (ts.isSpreadAssignment(p)) found = 'unknown';
    else if (p.name && propName(ts, p.name) === key) {
      found = ts.isPropertyAssignment(p) ? p.initializer : 'unknown'; // shorthand `{ seed }`: a variable
    }
  }
  return found;
}

function propName(ts: typeof TS, name: TS.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/** `Math.random` and `tf.util.shuffle`, called or passed as values. */
function checkReference(ts: typeof TS, node: TS.PropertyAccessExpression, imports: ImportNames, report: Report): void {
  const path = dotted(ts, node);
  if (path === undefined) return;
  // Report the call when there is one, so the snippet shows the arguments.
  const parent = node.parent;
  const at = ts.isCallExpression(parent) && parent.expression === node ? parent : node;
  if (path === 'Math.random' || path.endsWith('.Math.random')) {
    report(at, 'math-random', 'Math.random cannot be seeded');
  } else if (/(^|\.)util\.shuffle(Combo)?$/.test(path)) {
    const bareUtil = path.startsWith('util.');
    if (!bareUtil || imports.tf.get('util') === 'util') report(at, 'tf-util-shuffle', 'tf.util.shuffle uses Math.random');
  }
}

function checkCall(ts: typeof TS, call: TS.CallExpression, imports: ImportNames, report: Report): void {
  const callee = call.expression;
  const path = dotted(ts, callee);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : path;
  if (name === undefined) return;
  const layer = path?.match(/(?:^|\.)layers\.(\w+)$/);
  const init = path?.match(/(?:^|\.)initializers\.(\w+)$/);
  // `this.dropout(...)` is a class's own method, not TF.js.
  const ownMethod = ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword;
  const opName = ownMethod ? undefined : ts.isPropertyAccessExpression(callee) ? name : imports.tf.get(name);
  const opSeedIndex = opName === undefined ? undefined : RANDOM_OPS.get(opName);
  if (layer) checkLayer(ts, call, layer[1]!, report);
  else if (init) checkInitializer(ts, call, init[1]!, report);
  else if (opSeedIndex !== undefined) {
    if (isNoSeed(ts, call.arguments[opSeedIndex])) {
      report(call, 'random-op-unseeded', `${opName} without a seed (argument ${opSeedIndex + 1})`);
    }
  } else if (name === 'shuffle' && ts.isPropertyAccessExpression(callee) && isTfData(ts, callee.expression, call)) {
    if (isNoSeed(ts, call.arguments[1])) report(call, 'data-shuffle-unseeded', 'tf.data shuffle without a seed (argument 2)');
  } else if (name === 'fit' && ts.isPropertyAccessExpression(callee)) {
    checkFit(ts, call, report);
  } else if (ts.isPropertyAccessExpression(callee)) {
    checkLibrary(ts, call, callee, imports, report);
  }
}

function checkInitializer(ts: typeof TS, call: TS.CallExpression, name: string, report: Report): void {
  if (!RANDOM_INIT_NAMES.has(name)) return;
  const arg = call.arguments[0];
  let seed: TS.Expression | 'unknown' | undefined;
  if (arg === undefined) seed = undefined;
  else if (ts.isObjectLiteralExpression(arg)) seed = prop(ts, arg, 'seed');
  else return; // a variable: cannot tell
  if (seed !== 'unknown' && isNoSeed(ts, seed)) report(call, 'initializer-unseeded', `initializers.${name} without a seed`);
}

function checkLayer(ts: typeof TS, call: TS.CallExpression, name: string, report: Report): void {
  const cfg = call.arguments[0];
  if (cfg === undefined || !ts.isObjectLiteralExpression(cfg)) return;
  const keys = WEIGHTED_LAYERS.get(name);
  const missing = (keys ?? []).filter((key) => {
    const v = prop(ts, cfg, key);
    return v !== 'unknown' && isNoSeed(ts, v);
  });
  if (missing.length > 0) {
    report(call, 'layer-default-initializer', `layers.${name} without ${missing.join(', ')}: its default initializer is unseeded`);
  }
  const rnnDropout = keys === RNN_KEYS && ['dropout', 'recurrentDropout'].some((k) => isNonZero(ts, prop(ts, cfg, k)));
  const drop = DROPOUT_LAYERS.get(name);
  if (rnnDropout) report(call, 'dropout-layer', `layers.${name} dropout masks are unseeded in TF.js`);
  if (drop && isNonZero(ts, prop(ts, cfg, drop.amount) ?? 'unknown')) {
    const seed = prop(ts, cfg, 'seed');
    const seeded = drop.seedable && (seed === 'unknown' || !isNoSeed(ts, seed));
    report(call, 'dropout-layer', !drop.seedable ? `layers.${name} has no seed option: its noise is unseeded`
      : seeded ? `seeded layers.${name} reuses one mask on every step in TF.js 4.22` : `layers.${name} without a seed`);
  }
}

/** True unless the value is absent or the literal 0. */
function isNonZero(ts: typeof TS, v: TS.Expression | 'unknown' | undefined): boolean {
  if (v === undefined) return false;
  return v === 'unknown' || !(ts.isNumericLiteral(v) && Number(v.text) === 0);
}

/** `'glorotUniform'` as the value of any `*Initializer` key: a string initializer has no seed. */
function checkInitializerString(ts: typeof TS, node: TS.PropertyAssignment, report: Report): void {
  const key = propName(ts, node.name);
  const v = node.initializer;
  if (!key || !/Initializer$/.test(key) || !(ts.isStringLiteral(v) || ts.isNoSubstitutionTemplateLiteral(v))) return;
  if (RANDOM_INIT_STRINGS.has(v.text.replace(/_/g, '').toLowerCase())) {
    report(node, 'initializer-string', `${key}: '${v.text}' is an unseeded initializer`);
  }
}

/** A `.shuffle(...)` on a tf.data Dataset: a chain from `tf.data.*(...)`, a dataset-like name, or a numeric buffer size. */
function isTfData(ts: typeof TS, receiver: TS.Expression, call: TS.CallExpression): boolean {
  const first = call.arguments[0];
  if (first !== undefined && ts.isNumericLiteral(first)) return true;
  let e: TS.Expression = receiver;
  if (ts.isIdentifier(e)) return /^ds$|dataset$/i.test(e.text); // `trainDataset`, not `datasetRng`
  while (ts.isCallExpression(e) || ts.isPropertyAccessExpression(e)) {
    if (ts.isCallExpression(e) && /(^|\.)data\.\w+$/.test(dotted(ts, e.expression) ?? '')) return true;
    e = e.expression;
  }
  return false;
}

/** tfjs `model.fit(x, y, { epochs, ... })` shuffles with tf.util.shuffle unless `shuffle: false`. */
function checkFit(ts: typeof TS, call: TS.CallExpression, report: Report): void {
  const opts = call.arguments[2];
  if (opts === undefined || !ts.isObjectLiteralExpression(opts)) return;
  const tfjsLike = opts.properties.some((p) => p.name !== undefined && FIT_KEYS.has(propName(ts, p.name) ?? ''));
  const shuffle = prop(ts, opts, 'shuffle');
  if (tfjsLike && shuffle !== 'unknown' && shuffle?.kind !== ts.SyntaxKind.FalseKeyword) {
    report(call, 'fit-shuffle', 'model.fit shuffles with tf.util.shuffle (Math.random) unless shuffle: false');
  }
}

/** Libraries in package.json that draw from Math.random: mnist's `set()`, ml-matrix's `rand`/`randInt`. */
function checkLibrary(ts: typeof TS, call: TS.CallExpression, callee: TS.PropertyAccessExpression, imports: ImportNames, report: Report): void {
  const recv = dotted(ts, callee.expression);
  if (recv === undefined) return;
  const method = callee.name.text;
  const mod = imports.modules.get(recv.split('.')[0]!);
  if (method === 'set' && (mod === 'mnist' || recv === 'mnist')) {
    report(call, 'library-unseeded', 'mnist.set() shuffles with Math.random');
  } else if ((method === 'rand' || method === 'randInt') && (recv === 'Matrix' || mod === 'ml-matrix')) {
    const opts = call.arguments[2];
    const random = opts !== undefined && ts.isObjectLiteralExpression(opts) ? prop(ts, opts, 'random') : opts === undefined ? undefined : 'unknown';
    if (random === undefined) report(call, 'library-unseeded', `Matrix.${method} without options.random uses Math.random`);
  }
}
