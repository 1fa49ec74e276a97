import { checkPaperCode, codeCheckLines } from '../harness/code-leaks/index';

/**
 * The static leakage check of a paper's code before anything runs (`run`, `check`, `start`,
 * `sweep`), printed validate-style with cell and line. Its findings are warnings (it reads code,
 * not what ran): the replays go on unless `strict` (`--strict-leakage`). True when they may start.
 */
export function codeLeaksAllowRun(paperDir: string, strict: boolean): boolean {
  const leaks = checkPaperCode(paperDir);
  codeCheckLines(leaks).forEach((line) => console.error(line));
  if (!strict || leaks.findings.every((f) => f.accepted)) return true;
  console.error(`paperlab: nothing ran (--strict-leakage): fix or accept the leakage warnings above`);
  return false;
}
