import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../src/notebook/index';

// tslab ignores tsconfig.json: it compiles a notebook's imports of src/ with its own TypeScript
// (5.0) and options, non-strict, with declarations. Code that passes our strict 5.9 check can still
// fail there (narrowing differs without strictNullChecks; d.ts of newer packages), and a notebook
// that imports src/index must not drag in heavy CLI-only code. Compile it exactly as tslab would.
type Ts = typeof import('typescript');

// Folders that serve the CLI only; every other src/<folder>/index.ts is importable from a notebook.
const CLI_ONLY = new Set(['cli', 'notebook', 'reproduce', 'seed-audit', 'setup']);

test('the notebook-facing library compiles under tslab\'s own TypeScript and options', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('@tslab/typescript-for-tslab') as Ts;
  const src = join(PROJECT_ROOT, 'src');
  const folders = readdirSync(src, { withFileTypes: true }).filter((d) => d.isDirectory() && !CLI_ONLY.has(d.name));
  const entries = [join(src, 'index.ts'), ...folders.map((d) => join(src, d.name, 'index.ts')).filter((f) => existsSync(f))];
  const program = ts.createProgram(entries, {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    declaration: true,
    emitDeclarationOnly: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    rootDir: PROJECT_ROOT,
    outDir: join(PROJECT_ROOT, 'outDir'),
  });
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...program.emit(undefined, () => undefined).diagnostics];
  const text = diagnostics.map((d) => {
    const where = d.file ? `${d.file.fileName.replace(PROJECT_ROOT + '/', '')}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  assert.deepEqual(text, [], `tslab would reject these notebook imports:\n${text.join('\n')}`);
});

test('src/index.ts does not drag CLI-only code into every notebook', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('@tslab/typescript-for-tslab') as Ts;
  const program = ts.createProgram([join(PROJECT_ROOT, 'src', 'index.ts')], { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, noEmit: true });
  const local = program.getSourceFiles().map((f) => f.fileName.replace(PROJECT_ROOT + '/', '')).filter((f) => f.startsWith('src/'));
  const heavy = local.filter((f) => CLI_ONLY.has(f.split('/')[1] ?? ''));
  assert.deepEqual(heavy, [], 'CLI-only modules (runner, CLI, seed audit) must not be reachable from src/index.ts');
});
