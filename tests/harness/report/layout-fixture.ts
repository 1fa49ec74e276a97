import type { PaperReport } from '../../../src/harness/report/index';
import { claimFigure } from '../../../src/harness/reproduce/claim-figure';
import { honestReport } from './fixtures';

/** The honest fixture with a claim figure per claim (as seedFigures draws them) and the long cells real reports have. */
export function layoutReport(): PaperReport {
  const r = honestReport();
  r.paper.id = 'layout';
  r.claims[1] = {
    ...r.claims[1]!, metric: 'clean_pipeline_flags_over_every_leakage_type_checked',
    reason: 'clean_pipeline_flags_over_every_leakage_type_checked: ours 2.412 from 3 seeds (CI [1.642, 3.182]) overlaps the band [0.91, 0.95] (paper 0.93 ± 0.02) without lying in it: partially reproduced.',
  };
  r.figures = r.claims.map((c) => ({
    caption: `${c.id}: ${c.metric} per seed, mean and CI, accepted band`,
    figure: claimFigure({
      claimId: c.id, metric: c.metric, valueFrom: c.valueFrom ?? 'paper', reference: c.paperValue as number, band: c.band as [number | null, number | null],
      seeds: c.provenance.map((p) => `seed ${p.seed}`), values: c.provenance.map((p) => (typeof p.value === 'number' ? p.value : null)),
      mean: typeof c.ours.mean === 'number' ? c.ours.mean : null, ci: (c.ours.ci as [number, number] | null | undefined) ?? null, ciLevel: 0.95,
    }),
  }));
  return r;
}

