import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readDeclarations, typeText, describeType } from '../../../src/harness/runner/index';

test('parameter types are read from the parameters cell with the TypeScript parser: defaults widened, annotations win', () => {
  const source = [
    "type Act = 'relu' | 'tanh';",
    'const lr = 0.01;                 // a comment',
    "const mode: string = 'a';",
    "const act: Act = 'relu';",
    'const layers = [1, 2];',
    "const mixed = [1, 'a'];",
    'const flag = false, none = null;',
    'const negative = -3;',
    "const lrs = { natural: { none: 0.01 }, text: { none: 0.001, note: 'x' } };",
    'const widths: Record<string, number> = {};',
    'const pair: [number, string] = [1, "a"];',
    'const maybe: number | null = null;',
    'const computed = Math.sqrt(2);',
    "const kinds = ['a', 'b'] as const;",
    'const { depth, widths: [w0] } = { depth: 2, widths: [8] };',
  ].join('\n');
  const types = Object.fromEntries(readDeclarations(source).map((d) => [d.name, typeText(d.type)]));
  assert.deepEqual(types, {
    lr: 'number',
    mode: 'string',
    act: "'relu' | 'tanh'",
    layers: 'number[]',
    mixed: '(number | string)[]',
    flag: 'boolean',
    none: 'null',
    negative: 'number',
    lrs: "{ natural: { none: number }; text: { none: number; note: string } }",
    widths: '{ [key: string]: number }',
    pair: '[number, string]',
    maybe: 'number | null',
    computed: 'any',
    kinds: 'string[]',
    depth: 'any',
    w0: 'any',
  });
  const lr = readDeclarations(source).find((d) => d.name === 'lr')!;
  assert.equal(lr.declaration, 'const lr = 0.01');
  assert.equal(lr.annotation, undefined);
  assert.equal(readDeclarations(source).find((d) => d.name === 'act')!.annotation, 'Act');
  assert.equal(describeType(readDeclarations(source).find((d) => d.name === 'maybe')!.type), 'a number or null');
});
