// The seed audit: finds randomness a run's root seed does not control (a CLI tool, not for notebooks).
export { auditSeeds, DEFAULT_AUDIT_ROOTS, type SeedAuditOptions, type SeedAuditResult, type SeedFinding } from './audit';
export { type SeedRule } from './audit-rules';
export { formatSeedAudit, seedFindingLocation, SEED_RULE_HINTS } from './audit-report';
