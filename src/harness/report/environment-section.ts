import type { RunManifest } from '../env/index';
import { formatDuration, formatTime, shortHash } from './format';
import { html, type Html } from './html';
import { dataTable, emptyNote, section, td } from './parts';
import type { PaperReport } from './types';

function dirtyText(m: RunManifest): string {
  if (m.git.dirty === null) return 'unknown';
  if (!m.git.dirty) return 'clean';
  const untracked = m.git.untracked.length ? `, ${m.git.untracked.length} untracked` : '';
  return `dirty (diff ${shortHash(m.git.diffSha256)}${untracked})`;
}

function manifestRow(m: RunManifest): Html[] {
  const tfjs = m.backend ? `${m.backend.name}${m.backend.tfjsVersion ? ` (tfjs ${m.backend.tfjsVersion})` : ''}` : '—';
  // Manifests from before the native path existed have no `native`.
  const native = !m.native || m.native.on === null ? '' : m.native.on ? ` + native ${m.native.blas}, ${m.native.threads} threads` : ' + wasm/JS path';
  const backend = `${tfjs}${native}`;
  return [
    td(String(m.seed), 'num'),
    td(shortHash(m.git.commit), 'mono'),
    td(dirtyText(m)),
    td(shortHash(m.environmentLockSha256), 'mono'),
    td(backend),
    td(formatTime(m.startedAt)),
    td(formatDuration(m.durationMs / 1000), 'num'),
    td(JSON.stringify(m.parameters), 'mono wrap'),
  ];
}

function environmentPart(report: PaperReport): Html {
  const env = report.environment;
  if (!env) return emptyNote('No environment lock recorded.');
  const rows = Object.keys(env.values).sort().map((k) => [td(k, 'mono'), td(String(env.values[k]), 'mono')]);
  const differences = env.differences && env.differences.length
    ? html`<p class="over">This machine differs from the lock:</p><ul class="plain">${env.differences.map((d) => html`<li class="mono">${d}</li>`)}</ul>`
    : '';
  return html`<p>environment.lock sha256 <span class="mono">${env.lockSha256 ?? '—'}</span></p>${differences}${dataTable(['Key', 'Value'], rows, 'environment')}`;
}

/** Environment lock summary, then one line per run manifest (commit, dirty, lock, backend, seed, time). */
export function environmentSection(report: PaperReport): Html {
  const manifests = report.manifests.length
    ? dataTable(['Seed', 'Commit', 'Work tree', 'Lock sha256', 'Backend', 'Started', 'Duration', 'Parameters'], report.manifests.map(manifestRow), 'manifests')
    : emptyNote('No run manifests.');
  return section('environment', 'Environment and runs', html`<h3>Runs</h3>${manifests}<h3>Environment</h3>${environmentPart(report)}`);
}
