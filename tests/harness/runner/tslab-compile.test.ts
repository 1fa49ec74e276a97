import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../../src/harness/runner/index';

// tslab ignores tsconfig.json: it compiles a notebook's imports of src/ with its own TypeScript
// (5.0) and options, non-strict, with declarations. Code that passes our strict 5.9 check can still
// fail there (narrowing differs without strictNullChecks; d.ts of newer packages), and a notebook
// that imports src/index must not drag in heavy CLI-only code. Compile it exactly as tslab would.
type Ts = typeof import('typescript');

test('the notebook library and every paper folder compile under tslab\'s own TypeScript and options', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('@tslab/typescript-for-tslab') as Ts;
  const library = join(PROJECT_ROOT, 'src', 'library');
  const papers = join(PROJECT_ROOT, 'papers');
  const entries = [
    join(PROJECT_ROOT, 'src', 'index.ts'),
    ...readdirSync(library).map((d) => join(library, d, 'index.ts')).filter((f) => existsSync(f)),
    // Paper folders' own code is imported by their notebooks, so tslab compiles it too.
    ...readdirSync(papers).flatMap((id) => readdirSync(join(papers, id)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => join(papers, id, f))),
  ];
  assert.ok(entries.some((f) => f.startsWith(papers)), 'paper folders hold code to compile');
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
