import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { budgetSchema, paperConfigSchema } from './config-schema';
import { FAILURE_ENTRY_ID, failureEntrySchema, failureLogSchema } from './failure-schema';

// One ajv for all paper files: every error, not just the first (`allErrors`); schema defaults
// filled in (`useDefaults`); `verbose` keeps each error's schema, whose property list the
// unknown-key suggestions need.
let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function instance(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, useDefaults: true, verbose: true, strict: true });
    ajv.addSchema(failureEntrySchema);
  }
  return ajv;
}

const SCHEMAS = {
  config: paperConfigSchema,
  budget: budgetSchema,
  failure: failureEntrySchema,
  'failure-log': failureLogSchema,
} as const;

/** Which paper file shape to check: config.yaml, budget.yaml, one failure entry, failures.yaml. */
export type SchemaKind = keyof typeof SCHEMAS;

/**
 * Validates parsed YAML against one schema, filling schema defaults into `data` in place.
 * Returns ajv's errors, empty when valid.
 */
export function schemaErrors(kind: SchemaKind, data: unknown): ErrorObject[] {
  let fn = compiled.get(kind);
  if (!fn) {
    // The log's items refer to the entry schema by $id, which addSchema registered.
    fn = kind === 'failure' ? instance().getSchema(FAILURE_ENTRY_ID)! : instance().compile(SCHEMAS[kind]);
    compiled.set(kind, fn);
  }
  return fn(data) ? [] : [...(fn.errors ?? [])];
}
