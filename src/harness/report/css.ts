// The report's only stylesheet, inlined into every page: pages open from disk, offline, alone.

/** Inline CSS shared by paper pages and the index. */
export const REPORT_CSS = `
:root { --fg:#1b1f24; --muted:#5b636e; --line:#d8dee4; --bg:#ffffff; --head:#f4f6f8;
  --ok:#1a7f37; --ok-bg:#dafbe1; --part:#9a6700; --part-bg:#fff8c5; --bad:#cf222e; --bad-bg:#ffebe9;
  --unk:#57606a; --unk-bg:#eaeef2; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 64px; }
header.paper h1 { font-size: 24px; margin: 0 0 4px; line-height: 1.25; }
header.paper .meta { color: var(--muted); }
nav.toc { margin: 14px 0 8px; padding: 8px 0; border-top: 1px solid var(--line); border-bottom: 1px solid var(--line); }
nav.toc a { margin-right: 14px; color: var(--fg); text-decoration: none; white-space: nowrap; }
nav.toc a:hover { text-decoration: underline; }
section { margin-top: 28px; }
h2 { font-size: 18px; margin: 0 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 18px 0 6px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; vertical-align: top; text-align: left; }
th { background: var(--head); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.mono, code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
td.reason, .muted { color: var(--muted); }
/* A long metric name, path or hash (in a cell or a reason) breaks rather than push the verdict off
   screen; numbers and headers never break inside a word. */
td { overflow-wrap: anywhere; }
td.num { overflow-wrap: normal; }
td.num.wraps { white-space: normal; }
td.run { white-space: nowrap; min-width: 18ch; } /* a run stamp must not wrap one character per line */
td.ours .ref, td .ref { font-size: 12px; white-space: normal; }
details.history > summary { cursor: pointer; color: var(--muted); margin: 6px 0; }
.verdict { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.verdict-reproduced { color: var(--ok); background: var(--ok-bg); }
.verdict-partially { color: var(--part); background: var(--part-bg); }
.verdict-not-reproduced { color: var(--bad); background: var(--bad-bg); }
.verdict-not-measured { color: var(--unk); background: var(--unk-bg); }
.counts .verdict { margin-right: 4px; }
.over { color: var(--bad); font-weight: 600; }
.within { color: var(--ok); }
figure { margin: 12px 0 22px; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
figcaption { color: var(--muted); margin-top: 6px; }
ul.plain { padding-left: 18px; margin: 6px 0; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
.empty { color: var(--muted); font-style: italic; }
.no-run { color: var(--part); font-weight: 600; }
td.run-cell { min-width: 16ch; }
/* Narrow screens (a 768 px tablet, a half-width window): tighter cells, smaller type, and numbers
   wrap at their spaces (never inside a number), so every table fits the page and the claim
   table's verdict stays on screen. */
@media (max-width: 900px) {
  body { font-size: 13px; }
  main { padding: 16px 12px 48px; }
  th, td { padding: 4px 5px; }
  td.num, td.run { white-space: normal; min-width: 0; }
  td.mono, code, .mono { font-size: 11.5px; }
  table.claims td:first-child { width: 26%; }
  table.claims td.mono { min-width: 12ch; }
  table.claims td:last-child { width: 27%; }
}
/* The reproduction memo (memo-section.ts): long words and digests wrap, pairs sit side by side when there is room. */
#memo { overflow-wrap: anywhere; }
#memo .memo-verdict { font-size: 16px; font-weight: 600; margin: 4px 0 8px; }
#memo .memo-pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 0 24px; }
#memo .memo-pair h3 { margin-top: 12px; }
#memo ul.details { margin: 2px 0 0; font-size: 12.5px; color: var(--muted); }
#memo table.memo-sheet td:first-child { width: 32%; }
#memo td.num.wraps { overflow-wrap: normal; }
.wide { overflow-x: auto; } /* runs over time: one column per claim, scrolled rather than squeezed at 768 px */
table.history td.num { min-width: 11ch; }
table.history td.status { min-width: 12ch; }
.history-figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 0 14px; }
.history-figures figure { margin: 8px 0; min-width: 0; }
table.compare td.side { min-width: 16ch; }
table.diff-rows td:first-child { white-space: nowrap; }
table.diff-rows td.what { min-width: 16ch; }
td.differs { font-weight: 700; background: var(--part-bg); }
`;
