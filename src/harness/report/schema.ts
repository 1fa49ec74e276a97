// JSON schema (draft 2020-12) of a PaperReport, for reports read from JSON (`paperlab report --from`)
// and built by other code. Our own records reject unknown keys (a typo must not silently vanish);
// plotly figures and run manifests, owned elsewhere, are checked only for what the page reads.
// Times are checked in code (check.ts): ajv alone has no date-time format.
import { VERDICTS } from './types';

const reportNumber = { anyOf: [{ type: 'number' }, { enum: ['NaN', 'Infinity', '-Infinity'] }, { type: 'null' }] };
const text = { type: 'string' };
const seed = { type: ['integer', 'string'] };
const cell = { type: ['integer', 'null'], minimum: 0 };
const scalar = { type: ['string', 'number', 'boolean', 'null'] };

function record(properties: Record<string, object>, optional: string[] = []): object {
  const required = Object.keys(properties).filter((k) => !optional.includes(k));
  return { type: 'object', properties, required, additionalProperties: false };
}

const provenance = record({ seed, cell, runDir: text, record: text, value: reportNumber }, ['record', 'value']);
const provenanceList = { type: 'array', items: provenance };

const estimate = record(
  {
    mean: reportNumber,
    std: reportNumber,
    ci: { anyOf: [{ type: 'array', prefixItems: [reportNumber, reportNumber], minItems: 2, maxItems: 2 }, { type: 'null' }] },
    n: { type: 'integer', minimum: 0 },
  },
  ['std', 'ci'],
);

const verdict = { enum: [...VERDICTS] };

const claim = record(
  {
    id: text, statement: text, source: text, metric: text, unit: text, paperValue: reportNumber,
    tolerance: text, valueFrom: { enum: ['paper', 'ours'] },
    band: { type: 'array', prefixItems: [reportNumber, reportNumber], minItems: 2, maxItems: 2 },
    ours: estimate, verdict, reason: text, provenance: provenanceList,
  },
  ['unit', 'valueFrom', 'band'],
);

const tableRow = record({
  name: text,
  parameters: { type: 'object', additionalProperties: scalar },
  metrics: { type: 'object', additionalProperties: estimate },
  provenance: provenanceList,
});

const table = record(
  {
    title: text, kind: { enum: ['baseline', 'ablation'] }, caption: text,
    parameters: { type: 'array', items: text }, metrics: { type: 'array', items: text },
    rows: { type: 'array', items: tableRow },
  },
  ['caption'],
);

const figure = record(
  {
    caption: text,
    figure: {
      type: 'object',
      properties: { data: { type: 'array', items: { type: 'object' } }, layout: { type: 'object' }, config: { type: 'object' } },
      required: ['data'],
    },
    provenance: provenanceList,
  },
  ['provenance'],
);

const failure = record(
  { id: text, seed: { type: ['integer', 'string', 'null'] }, cell, symptom: text, cause: text, status: text, runDir: text },
  ['cause', 'status', 'runDir'],
);

const budgetLine = record(
  {
    resource: text, unit: text, declared: { type: ['number', 'null'], minimum: 0 },
    usedPerSeed: { type: 'array', items: record({ seed, used: { type: 'number' } }) },
    usedTotal: { type: 'number' }, over: { type: 'boolean' }, limitPer: { type: 'string', enum: ['run', 'total'] },
    aggregate: { type: 'string', enum: ['sum', 'max'] },
  },
  ['over', 'limitPer', 'aggregate'],
);

const environment = {
  anyOf: [
    record(
      { lockSha256: { type: ['string', 'null'] }, values: { type: 'object', additionalProperties: scalar }, differences: { type: 'array', items: text } },
      ['differences'],
    ),
    { type: 'null' },
  ],
};

const manifest = {
  type: 'object',
  properties: {
    git: {
      type: 'object',
      properties: { commit: { type: ['string', 'null'] }, dirty: { type: ['boolean', 'null'] }, diffSha256: { type: ['string', 'null'] }, untracked: { type: 'array', items: text } },
      required: ['commit', 'dirty', 'diffSha256', 'untracked'],
    },
    environmentLockSha256: { type: ['string', 'null'] },
    backend: { anyOf: [{ type: 'object', properties: { name: text }, required: ['name'] }, { type: 'null' }] },
    seed,
    parameters: { type: 'object' },
    startedAt: text,
    endedAt: text,
    durationMs: { type: 'number' },
  },
  required: ['git', 'environmentLockSha256', 'backend', 'seed', 'parameters', 'startedAt', 'endedAt', 'durationMs'],
};

const nullableText = { type: ['string', 'null'] };
const sweepTask = record({
  index: { type: 'integer', minimum: 0 }, label: text, state: text, slurmId: nullableText, node: nullableText,
  seconds: { type: ['number', 'null'] }, exitCode: nullableText, detail: nullableText,
});

const texts = { type: 'array', items: text };
const memo = record(
  {
    seeds: { type: 'array', items: seed },
    settings: { type: 'array', items: record({ parameter: text, ours: text, paper: text }) },
    asPaper: texts,
    easy: texts,
    hard: texts,
    split: { anyOf: [{ type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } }, { type: 'null' }] },
    data: {
      anyOf: [
        record({ name: text, source: text, licence: text, nTrain: { type: 'integer' }, nTest: { type: 'integer' }, manifestSha256: text }, ['source', 'licence', 'nTrain', 'nTest', 'manifestSha256']),
        { type: 'null' },
      ],
    },
    codeLeaks: {
      anyOf: [
        record({
          findings: { type: 'array', items: record({ rule: text, check: text, where: text, message: text, accepted: text }, ['accepted']) },
          skipped: { type: 'array', items: record({ file: text, reason: text }) },
        }),
        { type: 'null' },
      ],
    },
    compute: record({ lockSha256: nullableText, backend: nullableText, path: text }),
  },
  ['easy', 'hard'],
);
// Runs over time (history.ts).
const historyRun = record({
  stamp: text, runDir: text, startedAt: { type: ['string', 'null'] }, profile: { enum: ['full', 'replay'] }, interrupted: { type: ['string', 'null'] },
  commits: { type: 'array', items: record({ commit: { type: ['string', 'null'] }, dirty: { type: ['boolean', 'null'] } }) },
  compute: text, backend: text, seeds: { type: 'array', items: { type: 'integer' } },
  claims: {
    type: 'array',
    items: record({
      id: text, metric: text, mean: { type: ['number', 'null'] }, n: { type: 'integer', minimum: 0 }, verdict,
      ci: { anyOf: [{ type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }], minItems: 2, maxItems: 2 }, { type: 'null' }] },
    }),
  },
});

/** The schema every PaperReport must meet before it is rendered. */
export const PAPER_REPORT_SCHEMA = record({
  paper: record(
    {
      // The id names the report's file: no slashes, no dots up front (no `../`).
      id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
      title: text, authors: { type: 'array', items: text }, year: { type: 'integer' }, venue: text, arxiv: text, doi: text, url: text,
    },
    ['arxiv', 'doi', 'url'],
  ),
  ciLevel: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
  claims: { type: 'array', items: claim },
  figures: { type: 'array', items: figure },
  tables: { type: 'array', items: table },
  failures: { type: 'array', items: failure },
  budget: { type: 'array', items: budgetLine },
  environment,
  manifests: { type: 'array', items: manifest },
  deviations: { type: 'array', items: text },
  acceptedLeakage: { type: 'array', items: record({ rule: text, reason: text }) },
  sweep: record({ on: text, tasks: { type: 'array', items: sweepTask } }),
  runDir: text,
  memo,
  generatedAt: text,
  history: { type: 'array', items: historyRun },
}, ['acceptedLeakage', 'sweep', 'runDir', 'memo', 'history']);
