import { RULE_IDS } from '../leakage/index';
import { ARXIV, DOI, IDENTIFIER, SLUG, URL } from './patterns';
import { DRAFT_2020_12 } from './types';
import type { Ablation, PaperBudget, Checked, Claim, DataConfig, PaperConfig, PaperMeta, ReplayProfile, SlurmSettings, SplitConfig } from './types';

// JSON Schema (draft 2020-12) of config.yaml. Defaults live here and are filled in at load.
// Rules a schema cannot say (unique ids, grid names declared in `parameters`, sums) are in
// config-checks.ts.

const text = { type: 'string', minLength: 1 } as const;
const positive = { type: 'number', exclusiveMinimum: 0 } as const;
const positiveInt = { type: 'integer', minimum: 1 } as const;
const nonNegative = { type: 'number', minimum: 0 } as const;
/** Any value (grid entries). ajv's JSONSchemaType cannot type a schema for a recursive union: `never` fits. */
const anyItem = {} as never;
/** Free-form names → values (parameters, loader options). */
const freeObject = { type: 'object', propertyNames: { pattern: IDENTIFIER.pattern }, required: [], additionalProperties: true } as const;

const paperSchema: Checked<PaperMeta> = {
  type: 'object',
  properties: {
    id: { type: 'string', pattern: SLUG.pattern },
    title: text,
    authors: { type: 'array', items: text, minItems: 1 },
    year: { type: 'integer', minimum: 1900, maximum: 2100 },
    venue: text,
    arxiv: { type: 'string', pattern: ARXIV.pattern, nullable: true },
    doi: { type: 'string', pattern: DOI.pattern, nullable: true },
    url: { type: 'string', pattern: URL.pattern, nullable: true },
  },
  required: ['id', 'title', 'authors', 'year', 'venue'],
  additionalProperties: false,
};

const claimSchema: Checked<Claim> = {
  type: 'object',
  properties: {
    id: { type: 'string', pattern: SLUG.pattern },
    statement: text,
    source: text,
    metric: text,
    measure: text,
    paperValue: { type: 'number' },
    valueFrom: { type: 'string', enum: ['paper', 'ours'], nullable: true },
    paperStd: { ...nonNegative, nullable: true },
    tolerance: {
      type: 'object',
      properties: { abs: { ...nonNegative, nullable: true }, rel: { ...nonNegative, nullable: true } },
      required: [],
      additionalProperties: false,
      nullable: true,
    },
    direction: { type: 'string', enum: ['within', 'at-least', 'at-most'], default: 'within' },
  },
  required: ['id', 'statement', 'source', 'metric', 'measure', 'paperValue'],
  additionalProperties: false,
};

const ablationSchema: Checked<Ablation> = {
  type: 'object',
  properties: {
    name: { type: 'string', pattern: SLUG.pattern },
    kind: { type: 'string', enum: ['baseline', 'ablation'], nullable: true },
    description: { ...text, nullable: true },
    grid: {
      type: 'object',
      propertyNames: { pattern: IDENTIFIER.pattern },
      required: [],
      additionalProperties: { type: 'array', items: anyItem, minItems: 1 },
      nullable: true,
    },
    variants: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: { name: { type: 'string', pattern: SLUG.pattern }, parameters: freeObject },
        required: ['name', 'parameters'],
        additionalProperties: false,
      },
      nullable: true,
    },
  },
  required: ['name'],
  additionalProperties: false,
};

const dataSchema: Checked<DataConfig> = {
  type: 'object',
  properties: {
    name: text,
    source: { ...text, nullable: true },
    licence: { ...text, nullable: true },
    nTrain: { ...positiveInt, nullable: true },
    nTest: { ...positiveInt, nullable: true },
    options: { ...freeObject, nullable: true },
  },
  required: ['name'],
  additionalProperties: false,
};

const splitSchema: Checked<SplitConfig> = {
  type: 'object',
  properties: {
    kind: {
      type: 'string',
      enum: ['predefined', 'holdout', 'stratified-holdout', 'kfold', 'stratified-kfold', 'group-kfold', 'stratified-group-kfold', 'time-series'],
    },
    testSize: { ...positive, nullable: true },
    validationSize: { ...positive, nullable: true },
    nSplits: { type: 'integer', minimum: 2, nullable: true },
    shuffle: { type: 'boolean', nullable: true },
    groupBy: { ...text, nullable: true },
    stratifyBy: { ...text, nullable: true },
  },
  required: ['kind'],
  additionalProperties: false,
};

/** The `budget` section; also the whole of a `budget.yaml` beside config.yaml. */
export const budgetSchema: Checked<PaperBudget> = {
  type: 'object',
  properties: {
    maxWallSeconds: positive,
    maxTotalWallSeconds: { ...positive, nullable: true },
    maxSteps: { ...positiveInt, nullable: true },
    maxEpochs: { ...positiveInt, nullable: true },
    maxPeakMemoryMB: { ...positive, nullable: true },
    maxFlops: { ...positive, nullable: true },
  },
  required: ['maxWallSeconds'],
  additionalProperties: false,
};

const replaySchema: Checked<ReplayProfile> = {
  type: 'object',
  properties: {
    seeds: { type: 'array', items: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER }, minItems: 1, uniqueItems: true, nullable: true },
    parameters: freeObject,
    atol: { ...nonNegative, nullable: true },
    rtol: { ...nonNegative, nullable: true },
  },
  required: ['parameters'],
  additionalProperties: false,
};

const slurmSchema: Checked<SlurmSettings> = {
  type: 'object',
  properties: {
    partition: { ...text, nullable: true },
    timeMinutes: { ...positiveInt, nullable: true },
    cpusPerTask: { ...positiveInt, nullable: true },
    memoryMB: { ...positiveInt, nullable: true },
    maxParallel: { ...positiveInt, nullable: true },
  },
  additionalProperties: false,
};

/** The whole of config.yaml. */
export const paperConfigSchema: Checked<PaperConfig> = {
  $schema: DRAFT_2020_12,
  $id: 'https://paperlab.local/schemas/paper-config.json',
  type: 'object',
  properties: {
    paper: paperSchema,
    claims: { type: 'array', items: claimSchema, minItems: 1 },
    // Root seeds as src/library/random accepts them: non-negative safe integers.
    seeds: { type: 'array', items: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER }, minItems: 1, uniqueItems: true },
    parameters: { ...freeObject, default: {} },
    ablations: { type: 'array', items: ablationSchema, default: [] },
    data: { ...dataSchema, nullable: true },
    split: { ...splitSchema, nullable: true },
    budget: budgetSchema,
    deviations: { type: 'array', items: text, default: [] },
    // ML Reproducibility Challenge headings: the memo shows them; no default, so "not written" stays visible.
    easy: { type: 'array', items: text, nullable: true },
    hard: { type: 'array', items: text, nullable: true },
    accept: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          rule: { type: 'string', enum: [...RULE_IDS] },
          reason: text,
          check: { ...text, nullable: true },
        },
        required: ['rule', 'reason'],
        additionalProperties: false,
      },
      default: [],
    },
    replay: { ...replaySchema, nullable: true },
    slurm: { ...slurmSchema, nullable: true },
  },
  required: ['paper', 'claims', 'seeds', 'budget'],
  additionalProperties: false,
};
