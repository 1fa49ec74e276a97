import { runManifest, type RunManifest } from '../env/index';
import type { ExecutionResult } from '../runner/index';

/**
 * The run manifest of a replayed notebook. The kernel, not this process, chose the seed and the
 * backend, so both are read from what the notebook recorded: the `seed` parameter when given, else
 * the root seed its records carry; the backend and native path its records name (a mix of native
 * paths, which one kernel cannot produce, is left unknown). `memory` is what the runner
 * measured of the kernel's process group (peak RSS), beside whatever train() recorded.
 */
export function buildRunManifest(result: ExecutionResult): RunManifest & { notebook: string; memory?: ExecutionResult['memory'] } {
  const seeds = [...new Set(result.records.map((r) => r.seed))];
  const backends = [...new Set(result.records.map((r) => r.backend).filter((b): b is string => !!b))];
  const param = result.parameters.seed;
  const seed = typeof param === 'number' || typeof param === 'string' ? param : seeds.length === 1 ? seeds[0]! : seeds.length ? seeds.join(',') : 'not recorded';
  // Records from before the native path existed carry no `native`: then it is unknown, not off.
  const natives = [...new Set(result.records.filter((r) => r.native !== undefined).map((r) => JSON.stringify(r.native)))];
  const manifest = runManifest({
    parameters: result.parameters,
    seed,
    backend: backends.length === 1 ? backends[0]! : backends.length ? backends.join(',') : null,
    native: natives.length === 1 ? JSON.parse(natives[0]!) : undefined,
    startedAt: result.startedAt,
    endedAt: result.endedAt,
  });
  // `memory` is absent when no kernel started (and in results from before the runner measured it).
  return { notebook: result.input, ...manifest, ...(result.memory ? { memory: result.memory } : {}) };
}
