import type { ExecutionResult } from '../notebook/index';

/**
 * The run manifest stored in results.json. Seed: the `seed` parameter when given, else the root
 * seed the records carry. (Git state and the environment lock's digest join when src/env lands.)
 */
export async function buildRunManifest(result: ExecutionResult): Promise<Record<string, unknown>> {
  const seeds = [...new Set(result.records.map((r) => r.seed))];
  const seed = typeof result.parameters.seed === 'number' ? result.parameters.seed : seeds.length === 1 ? seeds[0] : seeds;
  return {
    notebook: result.input,
    parameters: result.parameters,
    seed: seed ?? null,
    startedAt: result.startedAt,
    endedAt: result.endedAt,
  };
}
