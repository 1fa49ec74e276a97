import { formatNumber } from './format';
import { html, type Html } from './html';
import { memoContent, type MemoContent, type SheetItem } from './memo-content';
import { dataTable, section, td, verdictBadge } from './parts';
import type { PaperReport } from './types';

// The one-page reproduction memo, first on the page: what a research engineer decides from.
// Content in memo-content.ts (shared with the Markdown); this file only lays it out.

function list(items: string[], className = 'plain'): Html {
  return html`<ul class="${className}">${items.map((t) => html`<li>${t}</li>`)}</ul>`;
}

function story(title: string, items: string[] | null, key: 'easy' | 'hard'): Html {
  const body = items ? list(items) : html`<p class="empty">not written yet (config.yaml <code>${key}:</code>)</p>`;
  return html`<div><h3>${title}</h3>${body}</div>`;
}

function claimsTable(m: MemoContent, level: string): Html {
  return dataTable(
    ['Claim', "Paper's value or our threshold", `Ours: mean [${level}], n`, 'Gap: ours − reference [CI]', 'Verdict'],
    m.claims.map((c) => [td(c.id, 'mono'), td(c.reference, 'wrap'), td(c.ours, 'num wraps'), td(c.gap, 'num wraps'), html`<td>${verdictBadge(c.verdict)}</td>`]),
    'memo-claims',
  );
}

function setting(m: MemoContent): Html {
  const deviations = m.deviations.length ? list(m.deviations) : html`<p class="empty">No deviations declared in config.yaml.</p>`;
  const settings = m.settings.length ? html`<p><strong>Parameters set differently</strong> (config.yaml's comments): ${m.settings.join('; ')}.</p>` : '';
  const same = m.asPaper.length ? html`<p class="muted">As the paper (config.yaml's comments): ${m.asPaper.join(', ')}.</p>` : '';
  return html`<h3>The paper's setting and what we changed, and why</h3>${deviations}${settings}${same}`;
}

function sheetRow(s: SheetItem): Html[] {
  return [td(s.item), html`<td class="wrap">${s.answer}${s.details.length ? list(s.details, 'plain details') : ''}</td>`];
}

function costAndFailures(m: MemoContent): Html {
  const cost = m.cost.length
    ? html`<ul class="plain">${m.cost.map((c) => html`<li class="${c.over ? 'over' : ''}">${c.text}</li>`)}</ul>`
    : html`<p class="empty">No budget declared or measured.</p>`;
  const failures = m.failures === null
    ? html`<p class="muted">No run folder named: see <a href="#failures">the failure log</a>.</p>`
    : m.failures.count
      ? list(m.failures.lines)
      : html`<p class="empty">None logged by this run.</p>`;
  const count = m.failures === null ? '' : ` (${m.failures.count})`;
  return html`<div class="memo-pair">
<div><h3>Cost against the budget</h3>${cost}<p class="muted"><a href="#budget">Budget table</a></p></div>
<div><h3>Failure cases of this run${count}</h3>${failures}<p class="muted"><a href="#failures">Failure log</a>, with the history</p></div>
</div>`;
}

/**
 * The one-page reproduction memo: the verdict in one line; claimed vs measured with the gap and its
 * CI; the paper's setting and our changes; what was easy and difficult; cost; this run's failures;
 * the model-info sheet items the run fills, and the open questions it cannot answer.
 */
export function memoSection(report: PaperReport): Html {
  const m = memoContent(report);
  const level = `${formatNumber(report.ciLevel * 100)} % CI`;
  const body = html`<p class="memo-verdict">${m.verdictLine}</p>
${m.claims.length ? claimsTable(m, level) : ''}
${setting(m)}
<div class="memo-pair">${story('What was easy', m.easy, 'easy')}${story('What was difficult', m.hard, 'hard')}</div>
${costAndFailures(m)}
<h3>Model-info sheet (Kapoor &amp; Narayanan 2023; REFORMS, Kapoor et al. 2024): what this run records</h3>
${dataTable(['Item', 'This run'], m.sheet.map(sheetRow), 'memo-sheet')}
<h3>Open questions: the run cannot answer these</h3>
${list(m.openQuestions, 'plain open')}`;
  return section('memo', 'Reproduction memo', body);
}
