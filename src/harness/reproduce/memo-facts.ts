import { join } from 'node:path';
import { CONFIG_FILE, type PaperConfig } from '../../library/paper-files/index';
import { findingWhere } from '../code-leaks/index';
import type { RunManifest } from '../env/index';
import type { ReportMemo } from '../report/index';
import { paperSettings, shortJson } from './paper-settings';
import type { RunSummary } from './run-summary';

/** The part of a seed's results.json manifest the memo reads beyond RunManifest. */
type MemoManifest = RunManifest & { replayParts?: { dataManifest?: string } };

/**
 * The memo's inputs from config.yaml and the run folder: seeds, the paper's setting where the
 * config's comments give it, easy/hard, the split, data provenance, the static code check the run
 * recorded, and how the numbers were computed. Nothing here is written by hand.
 */
export function memoFacts(paperDir: string, config: PaperConfig, summary: RunSummary, manifests: MemoManifest[]): ReportMemo {
  const settings = paperSettings(join(paperDir, CONFIG_FILE));
  const first = manifests[0];
  const dataDigest = first?.replayParts?.dataManifest;
  return {
    seeds: [...new Set(summary.runs.filter((r) => !r.ablation).map((r) => r.seed))],
    // Our value as the run used it (a replay profile or -p overrides change it), else config.yaml's.
    settings: settings.differ.map((d) => {
      const used = (first?.parameters as Record<string, unknown> | undefined)?.[d.parameter];
      return used === undefined ? d : { ...d, ours: shortJson(used) };
    }),
    asPaper: settings.asPaper,
    ...(config.easy ? { easy: [...config.easy] } : {}),
    ...(config.hard ? { hard: [...config.hard] } : {}),
    // Keys as the config wrote them; absent ones stay absent.
    split: config.split ? (Object.fromEntries(Object.entries(config.split).filter(([, v]) => v !== undefined && v !== null)) as Record<string, string | number | boolean>) : null,
    data: config.data ? {
      name: config.data.name,
      ...(config.data.source ? { source: config.data.source } : {}),
      ...(config.data.licence ? { licence: config.data.licence } : {}),
      ...(config.data.nTrain !== undefined ? { nTrain: config.data.nTrain } : {}),
      ...(config.data.nTest !== undefined ? { nTest: config.data.nTest } : {}),
      ...(dataDigest ? { manifestSha256: dataDigest } : {}),
    } : null,
    codeLeaks: summary.codeLeaks ? {
      findings: summary.codeLeaks.findings.map((f) => ({
        rule: f.rule, check: f.check, where: findingWhere(f), message: f.message,
        ...(f.accepted ? { accepted: f.accepted.reason } : {}),
      })),
      skipped: summary.codeLeaks.skipped.map((s) => ({ ...s })),
    } : null,
    compute: { lockSha256: first?.environmentLockSha256 ?? null, backend: first?.backend?.name ?? null, path: computePath(manifests) },
  };
}

/** "native (openblas, 2 threads)", "JS/wasm (native addon off)", or "mixed: …" when the replays differ. */
function computePath(manifests: MemoManifest[]): string {
  const paths = [...new Set(manifests.map((m) => {
    if (!m.native || m.native.on === null) return 'not recorded';
    if (!m.native.on) return 'JS/wasm (native addon off)';
    const parts = [m.native.blas ?? 'BLAS unknown', m.native.threads ? `${m.native.threads} thread${m.native.threads === 1 ? '' : 's'}` : ''].filter(Boolean);
    return `native (${parts.join(', ')})`;
  }))];
  if (paths.length === 0) return 'not recorded';
  return paths.length === 1 ? paths[0]! : `mixed: ${paths.join('; ')}`;
}
