import { COMMIT, DATE_TIME, FAILURE_ID, IDENTIFIER, SLUG } from './patterns';
import { DRAFT_2020_12 } from './types';
import type { Checked, FailureEntry, FailureKind, FailureStatus } from './types';

export const FAILURE_KINDS: readonly FailureKind[] = ['cell-error', 'timeout', 'kernel-died', 'kernel-start', 'over-budget', 'nan', 'claim-not-met', 'other'];
export const FAILURE_STATUSES: readonly FailureStatus[] = ['open', 'explained', 'fixed', 'wont-fix'];

const text = { type: 'string', minLength: 1 } as const;
const count = { type: 'integer', minimum: 0, nullable: true } as const;

export const FAILURE_ENTRY_ID = 'https://paperlab.local/schemas/failure-entry.json';

/** JSON Schema (draft 2020-12) of one failures.yaml entry; `status` defaults to `open`. */
export const failureEntrySchema: Checked<FailureEntry> = {
  $schema: DRAFT_2020_12,
  $id: FAILURE_ENTRY_ID,
  type: 'object',
  properties: {
    id: { type: 'string', pattern: FAILURE_ID.pattern },
    date: { type: 'string', pattern: DATE_TIME.pattern },
    commit: { type: 'string', pattern: COMMIT.pattern },
    seed: { type: 'integer', minimum: 0, nullable: true },
    parameters: { type: 'object', propertyNames: { pattern: IDENTIFIER.pattern }, required: [], additionalProperties: true },
    where: {
      type: 'object',
      properties: { cell: count, cellId: { ...text, nullable: true }, step: count },
      required: [],
      additionalProperties: false,
    },
    kind: { type: 'string', enum: [...FAILURE_KINDS] },
    symptom: text,
    suspectedCause: { ...text, nullable: true },
    status: { type: 'string', enum: [...FAILURE_STATUSES], default: 'open' },
    analysis: { ...text, nullable: true },
    claim: { type: 'string', pattern: SLUG.pattern, nullable: true },
    run: { ...text, nullable: true },
  },
  required: ['id', 'date', 'commit', 'parameters', 'where', 'kind', 'symptom', 'status'],
  additionalProperties: false,
};

/** The whole log: a list of entries (an empty file or `[]` is an empty log). */
export const failureLogSchema = {
  $schema: DRAFT_2020_12,
  $id: 'https://paperlab.local/schemas/failure-log.json',
  type: 'array',
  items: { $ref: 'failure-entry.json' },
} as const;
