import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, test } from 'node:test';
import { PaperlabError } from '../../../src/library/errors/index';
import { budgetSchema, checkPaperConfig, failureEntrySchema, loadPaperConfig, MAX_YAML_BYTES, paperConfigSchema, PaperFileError, type FileIssue } from '../../../src/library/paper-files/index';
import { edited, lineWith, paperFolder, VALID_CONFIG } from './helpers';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The issues of a config text in a fresh demo-paper folder. */
function issuesOf(text: string, extra: Record<string, string> = {}): FileIssue[] {
  const { config, issues } = checkPaperConfig(paperFolder({ 'config.yaml': text, ...extra }));
  assert.equal(config, undefined, 'a config with issues must not come back');
  return issues;
}

/** Asserts that exactly one issue reads `<dir>/<file>:<line> <tail>` (`line` may be `<line>:<column>`). */
function pinned(issues: FileIssue[], file: string, line: number | string | undefined, tail: string): FileIssue {
  const re = new RegExp(`/${escape(file)}${line === undefined ? '' : `:${line}`} ${escape(tail)}$`);
  const hits = issues.filter((i) => re.test(i.message));
  assert.equal(hits.length, 1, `expected one issue matching ${re}, got:\n${issues.map((i) => i.message).join('\n')}`);
  return hits[0]!;
}

describe('loadPaperConfig: a valid config', () => {
  test('loads, fills the schema defaults in and comes back deep-frozen', () => {
    const config = loadPaperConfig(paperFolder({ 'config.yaml': VALID_CONFIG }));
    assert.equal(config.paper.arxiv, '1611.03530');
    assert.deepEqual(config.seeds, [0, 1, 2]);
    assert.equal(config.claims[0]!.direction, 'at-least');
    assert.equal(config.claims[1]!.direction, 'within', 'direction defaults to within');
    assert.deepEqual([config.deviations, config.accept], [[], []]);
    assert.deepEqual(config.ablations[0]!.grid, { hidden: [8, 16, 32] });
    assert.ok(Object.isFrozen(config) && Object.isFrozen(config.claims[0]) && Object.isFrozen(config.budget));
    assert.throws(() => {
      (config.budget as { maxWallSeconds: number }).maxWallSeconds = 1;
    }, TypeError);
  });

  test('an empty optional value reads as absent; a null parameter value is kept', () => {
    const text = edited('arxiv: "1611.03530"', 'arxiv:\n  doi: "10.1145/3446776"').replace('  hidden: 16\n', '  hidden: 16\n  checkpoint: null\n');
    const config = loadPaperConfig(paperFolder({ 'config.yaml': text }));
    assert.equal(config.paper.arxiv, undefined);
    assert.equal(config.paper.doi, '10.1145/3446776');
    assert.equal(config.parameters.checkpoint, null);
  });

  test('the budget may live in budget.yaml beside config.yaml', () => {
    const text = VALID_CONFIG.replace(/budget:\n(  .*\n)+/, '');
    const config = loadPaperConfig(paperFolder({ 'config.yaml': text, 'budget.yaml': 'maxWallSeconds: 60\nmaxSteps: 500\n' }));
    assert.deepEqual(config.budget, { maxWallSeconds: 60, maxSteps: 500 });
  });
});

describe('loadPaperConfig: schema errors name file, line, field, expectation and value', () => {
  test('the issue example: a negative budget', () => {
    const text = edited('maxWallSeconds: 600', 'maxWallSeconds: -5');
    pinned(issuesOf(text), 'config.yaml', lineWith(text, 'maxWallSeconds'), 'budget.maxWallSeconds: expected a positive number, got -5');
  });

  test('the YAML number trap: an unquoted arXiv id', () => {
    const text = edited('arxiv: "1611.03530"', 'arxiv: 1706.10');
    const found = pinned(issuesOf(text), 'config.yaml', lineWith(text, 'arxiv'), 'paper.arxiv: expected a string (quote it: "1706.10"), got the number 1706.1');
    assert.equal(found.code, 'type');
    assert.equal(found.field, 'paper.arxiv');
    assert.equal(found.received, 'the number 1706.1');
  });

  test('an unknown key is rejected with the nearest valid key', () => {
    const text = edited('  title:', '  titel:');
    const issues = issuesOf(text);
    const found = pinned(issues, 'config.yaml', lineWith(text, 'titel'), 'paper.titel: expected a known key (id, title, authors, year, venue, arxiv, doi, url), got the unknown key "titel"; did you mean "title"?');
    assert.equal(found.hint, 'did you mean "title"?');
    // …and the title it was meant to be is missing, reported at the `paper:` line.
    pinned(issues, 'config.yaml', lineWith(text, 'paper:'), 'paper.title: expected a value (required), got nothing (the key is missing)');
  });

  test('an unknown key far from every valid one gets no suggestion', () => {
    const text = edited('seeds: [0, 1, 2]', 'seeds: [0, 1, 2]\nzzzzzzzz: 1');
    const found = pinned(issuesOf(text), 'config.yaml', lineWith(text, 'zzzzzzzz'), 'zzzzzzzz: expected a known key (paper, claims, seeds, parameters, ablations, data, split, budget, deviations, easy, hard, accept, replay, slurm), got the unknown key "zzzzzzzz"');
    assert.equal(found.hint, undefined);
  });

  test('a required key left empty, a misspelt enum, repeated seeds, a bad slug and a fraction out of range', () => {
    let text = edited('venue: ICLR 2017', 'venue:');
    text = edited('direction: at-least', 'direction: atleast', text);
    text = edited('seeds: [0, 1, 2]', 'seeds:\n  - 0\n  - 1\n  - 1', text);
    text = edited('name: width', 'name: Width', text);
    text = edited('year: 2017', 'year: "2017"', text);
    const issues = issuesOf(text);
    pinned(issues, 'config.yaml', lineWith(text, 'venue:'), 'paper.venue: expected a value (required), got an empty value');
    pinned(issues, 'config.yaml', lineWith(text, 'atleast'), 'claims[0].direction: expected one of "within", "at-least", "at-most", got "atleast"; did you mean "at-least"?');
    pinned(issues, 'config.yaml', lineWith(text, 'seeds:') + 3, 'seeds[2]: expected no repeated entries, got a repeat of entry 1 (1)');
    pinned(issues, 'config.yaml', lineWith(text, 'Width'), 'ablations[0].name: expected a slug (lowercase letters and digits joined by single dashes, e.g. "zhang2017-random-labels"), got "Width"');
    pinned(issues, 'config.yaml', lineWith(text, 'year:'), 'paper.year: expected an integer, got the string "2017"');
    assert.equal(issues.length, 5, 'every error at once, not just the first');
    assert.deepEqual(issues.map((i) => i.line), [...issues.map((i) => i.line!)].sort((a, b) => a - b), 'in line order');
  });

  test('negative tolerances, an empty seed list, a missing section, a bad parameter name', () => {
    let text = edited('tolerance: { rel: 0.05 }', 'tolerance: { rel: -0.05 }');
    text = edited('seeds: [0, 1, 2]', 'seeds: []', text);
    text = edited('  steps: 100', '  2steps: 100', text);
    const issues = issuesOf(text.replace(/data:\n  name: mnist\n/, ''));
    pinned(issues, 'config.yaml', lineWith(text, 'rel: -0.05'), 'claims[1].tolerance.rel: expected a number >= 0 (not negative), got -0.05');
    pinned(issues, 'config.yaml', lineWith(text, 'seeds: []'), 'seeds: expected at least 1 entry, got an empty list');
    pinned(issues, 'config.yaml', lineWith(text, '2steps'), 'parameters.2steps: expected a TypeScript identifier (letters, digits, _ or $, not starting with a digit), got the key "2steps"');
    const noBudget = issuesOf(VALID_CONFIG.replace(/budget:\n(  .*\n)+/, ''));
    pinned(noBudget, 'config.yaml', undefined, 'budget: expected a value (required), got nothing (the key is missing)');
  });

  test('a field missing from a list item points at the item', () => {
    const text = edited('    metric: test_accuracy\n', '');
    pinned(issuesOf(text), 'config.yaml', lineWith(text, 'id: test-acc'), 'claims[1].metric: expected a value (required), got nothing (the key is missing)');
  });

  test('a YAML syntax error names its line and column', () => {
    const text = edited('  venue: ICLR 2017', '  venue: "ICLR 2017');
    const issues = issuesOf(text);
    assert.equal(issues[0]!.code, 'yaml-syntax');
    const end = '  venue: "ICLR 2017'.length + 1; // yaml reports the missing quote where the line ends
    assert.deepEqual([issues[0]!.line, issues[0]!.column], [lineWith(text, 'venue'), end]);
    assert.match(issues[0]!.message, new RegExp(`config\\.yaml:${lineWith(text, 'venue')}:${end}: expected valid YAML, got Missing closing "quote`));
  });

  test('a duplicate key is named, with both of its lines', () => {
    const text = edited('  year: 2017', '  year: 2017\n  year: 2018');
    const issues = issuesOf(text);
    assert.equal(issues.length, 1);
    pinned(issues, 'config.yaml', `${lineWith(text, 'year: 2018')}:3`, `paper.year: expected each key once in a mapping, got the key "year" again (first at line ${lineWith(text, 'year: 2017')})`);
    assert.equal(issues[0]!.code, 'duplicate-key');
    const top = issuesOf(`${VALID_CONFIG}seeds: [4]\n`);
    pinned(top, 'config.yaml', `${lineWith(VALID_CONFIG, 'maxTotalWallSeconds') + 1}:1`, `seeds: expected each key once in a mapping, got the key "seeds" again (first at line ${lineWith(VALID_CONFIG, 'seeds:')})`);
  });

  test('a config over 1 MiB is refused by its size before it is parsed', () => {
    assert.equal(MAX_YAML_BYTES, 1024 * 1024);
    const text = `${VALID_CONFIG}# ${'x'.repeat(2 * 1024 * 1024)}\nbroken: [\n`;
    const issues = issuesOf(text);
    assert.equal(issues.length, 1, 'nothing of the text is parsed: no syntax error for the broken tail');
    assert.equal(issues[0]!.code, 'too-large');
    assert.match(issues[0]!.message, new RegExp(`config\\.yaml: expected a YAML file of at most 1 MiB \\(1048576 bytes\\), got ${Buffer.byteLength(text)} bytes \\(2\\.0 MiB\\); keep data and logs out of config\\.yaml$`));
  });

  test('a config with a NUL or other control character is refused with its place and an escaped excerpt', () => {
    const text = edited('title: Understanding deep', 'title: Understanding\u0000deep');
    const issues = issuesOf(text);
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.code, 'control-character');
    assert.ok(issues[0]!.message.endsWith(
      `/config.yaml:${lineWith(text, 'title:')}:23: expected a YAML mapping with keys paper, claims, seeds, budget, … (UTF-8 text without control characters), got the control character U+0000 in "…title: Understanding\\u0000deep learning requir…"`), issues[0]!.message);
  });

  test('a binary config gets a short message, not the file echoed', () => {
    const dir = paperFolder({});
    const bytes = gzipSync(Buffer.from(VALID_CONFIG.repeat(40)));
    writeFileSync(join(dir, 'config.yaml'), bytes);
    const { issues } = checkPaperConfig(dir);
    assert.equal(issues.length, 1);
    assert.ok(issues[0]!.message.length < 300, issues[0]!.message);
    assert.doesNotMatch(issues[0]!.message, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/);
    assert.match(issues[0]!.message, /config\.yaml:1:2: expected a YAML mapping with keys paper, claims, seeds, budget, … \(UTF-8 text without control characters\), got bytes that are not UTF-8 \(a binary file\?\)$/);
  });

  test('a config that is a long scalar shows a short escaped excerpt and what was expected', () => {
    const words = 'just some words '.repeat(6600);
    const long = issuesOf(`${words}\n`);
    assert.equal(long.length, 1);
    assert.match(long[0]!.message, /config\.yaml:1: expected a YAML mapping with keys paper, claims, seeds, budget, …, got the string "just some words just some words just some words just some wo…"$/);
    const escaped = issuesOf('"\\a\\0\\e bell, nul and escape"\n');
    assert.match(escaped[0]!.message, /config\.yaml:1: expected a YAML mapping with keys paper, claims, seeds, budget, …, got the string "\\u0007\\u0000\\u001b bell, nul and escape"$/);
    assert.match(issuesOf('42\n')[0]!.message, /config\.yaml:1: expected a YAML mapping with keys paper, claims, seeds, budget, …, got the number 42$/);
    assert.match(issuesOf('# nothing here\n')[0]!.message, /config\.yaml:1: expected a YAML mapping with keys paper, claims, seeds, budget, …, got an empty file$/);
  });

  test('a config that is not a mapping, and a folder without config.yaml', () => {
    assert.match(issuesOf('- 1\n- 2\n')[0]!.message, /config\.yaml:1: expected a YAML mapping with keys paper, claims, seeds, budget, …, got a list of 2$/);
    const dir = paperFolder({});
    assert.match(checkPaperConfig(dir).issues[0]!.message, /config\.yaml: expected the file to exist, got nothing; create the folder with `paperlab new <id>`$/);
  });

  test('a long string value is cut in the message', () => {
    const text = edited('year: 2017', `year: "${'9'.repeat(5000)}"`);
    pinned(issuesOf(text), 'config.yaml', lineWith(text, 'year:'), `paper.year: expected an integer, got the string "${'9'.repeat(60)}…"`);
  });

  test('loadPaperConfig throws one PaperFileError carrying every issue', () => {
    const text = edited('maxWallSeconds: 600', 'maxWallSeconds: 0').replace('arxiv: "1611.03530"', 'arxiv: 1611.03530');
    const dir = paperFolder({ 'config.yaml': text });
    assert.throws(() => loadPaperConfig(dir), (err: unknown) => {
      assert.ok(err instanceof PaperFileError && err instanceof PaperlabError);
      assert.equal(err.code, 'invalid-paper-file');
      assert.equal(err.issues.length, 2);
      assert.match(err.message, /^2 problems in paper files:\n.*config\.yaml:\d+ paper\.arxiv: .*\n.*config\.yaml:\d+ budget\.maxWallSeconds: expected a positive number, got 0$/);
      assert.equal(err.where, `${join(dir, 'config.yaml')}:${lineWith(text, 'arxiv')} paper.arxiv`);
      return true;
    });
  });
});

describe('loadPaperConfig: rules the schema cannot state', () => {
  test('unique claim ids, a tolerance or direction per claim, no seed parameter', () => {
    let text = edited('id: test-acc', 'id: random-labels-train');
    text = edited('    tolerance: { rel: 0.05 }\n', '', text);
    text = edited('  steps: 100', '  seed: 1\n  paperDir: here\n  steps: 100', text);
    const issues = issuesOf(text);
    const second = text.lastIndexOf('id: random-labels-train');
    const secondLine = text.slice(0, second).split('\n').length;
    pinned(issues, 'config.yaml', secondLine, 'claims[1].id: expected a claim id used once, got "random-labels-train" again (first at claims[0])');
    pinned(issues, 'config.yaml', secondLine, 'claims[1]: expected a tolerance (abs and/or rel) or a direction "at-least"/"at-most", got neither; say how far from paperValue still counts as reproduced');
    pinned(issues, 'config.yaml', lineWith(text, 'seed: 1'), 'parameters.seed: expected no "seed" parameter, got one; list the root seeds under `seeds:`; each run injects its own `seed`');
    pinned(issues, 'config.yaml', lineWith(text, 'paperDir: here'), 'parameters.paperDir: expected no "paperDir" parameter, got one; runs inject the folder themselves');
  });

  test('ablations: unique names, grid names declared in parameters (with a suggestion), grid or variants', () => {
    const text = edited(
      'ablations:\n  - name: width\n    grid:\n      hidden: [8, 16, 32]\n',
      'ablations:\n  - name: width\n    grid:\n      hiden: [8, 16]\n  - name: width\n    description: both\n    grid: { steps: [1] }\n    variants:\n      - { name: a, parameters: { lr: 0.1 } }\n  - name: none\n',
    );
    const issues = issuesOf(text);
    pinned(issues, 'config.yaml', lineWith(text, 'hiden'), 'ablations[0].grid.hiden: expected a parameter declared under `parameters` (steps, hidden), got "hiden"; did you mean "hidden"?');
    pinned(issues, 'config.yaml', lineWith(text, 'description: both') - 1, 'ablations[1].name: expected an ablation name used once, got "width" again (first at ablations[0])');
    pinned(issues, 'config.yaml', lineWith(text, 'description: both') - 1, 'ablations[1]: expected exactly one of `grid` (parameter → values) or `variants` (named overrides), got both');
    pinned(issues, 'config.yaml', lineWith(text, '{ lr: 0.1 }'), 'ablations[1].variants[0].parameters.lr: expected a parameter declared under `parameters` (steps, hidden), got "lr"; declare it under `parameters:` with its default first');
    pinned(issues, 'config.yaml', lineWith(text, 'name: none'), 'ablations[2]: expected exactly one of `grid` (parameter → values) or `variants` (named overrides), got neither');
  });

  test('split sizes that leave nothing to train on, group kinds without groups, a total budget below one seed', () => {
    let text = edited('  kind: holdout\n  testSize: 0.2', '  kind: group-kfold\n  testSize: 0.6\n  validationSize: 0.4');
    text = edited('maxTotalWallSeconds: 3600', 'maxTotalWallSeconds: 300', text);
    const issues = issuesOf(text);
    pinned(issues, 'config.yaml', lineWith(text, 'validationSize'), 'split.validationSize: expected testSize + validationSize < 1, leaving rows to train on, got 0.6 + 0.4 = 1');
    pinned(issues, 'config.yaml', lineWith(text, 'kind: group-kfold'), 'split: expected a `groupBy` column for kind "group-kfold", got none');
    pinned(issues, 'config.yaml', lineWith(text, 'maxTotalWallSeconds'), "budget.maxTotalWallSeconds: expected at least budget.maxWallSeconds (600), the limit of one seed's run, got 300");
    assert.equal(issues.length, 3);
  });

  test('paper.id must equal the folder name', () => {
    const issues = checkPaperConfig(paperFolder({ 'config.yaml': VALID_CONFIG }, 'other-paper')).issues;
    pinned(issues, 'config.yaml', lineWith(VALID_CONFIG, 'id: demo-paper'), 'paper.id: expected the folder name "other-paper", got "demo-paper"; paper.id names the folder papers/<id>');
  });

  test('budget.yaml: its errors point at its own lines; a budget in both places is an error', () => {
    const text = VALID_CONFIG.replace(/budget:\n(  .*\n)+/, '');
    const issues = issuesOf(text, { 'budget.yaml': '# limits\nmaxWallSeconds: 60\nmaxStep: 5\n' });
    pinned(issues, 'budget.yaml', 3, 'maxStep: expected a known key (maxWallSeconds, maxTotalWallSeconds, maxSteps, maxEpochs, maxPeakMemoryMB, maxFlops), got the unknown key "maxStep"; did you mean "maxSteps"?');
    assert.equal(issues.length, 1, 'the missing budget section of config.yaml is not reported');
    const twice = issuesOf(VALID_CONFIG, { 'budget.yaml': 'maxWallSeconds: 60\n' });
    pinned(twice, 'config.yaml', lineWith(VALID_CONFIG, 'budget:'), 'budget: expected the budget in one place, got a budget section and ' + twice[0]!.received.split(' and ')[1]! + '; keep one of them');
    assert.match(twice[0]!.received, /budget\.yaml$/);
  });
});

describe('the schemas', () => {
  test('are valid JSON Schema draft 2020-12 and say so', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv2020 = require('ajv/dist/2020') as typeof import('ajv/dist/2020').default;
    const ajv = new Ajv2020({ strict: true });
    for (const schema of [paperConfigSchema, failureEntrySchema]) {
      assert.equal((schema as { $schema?: string }).$schema, 'https://json-schema.org/draft/2020-12/schema');
    }
    // budgetSchema is also a part of paperConfigSchema, so it carries no $schema of its own.
    for (const schema of [paperConfigSchema, budgetSchema, failureEntrySchema]) assert.equal(ajv.validateSchema(schema), true, JSON.stringify(ajv.errors));
  });
});
