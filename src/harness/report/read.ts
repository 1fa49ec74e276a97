import { readFileSync } from 'node:fs';
import { invalid } from '../../library/errors/index';
import { checkReport } from './check';
import type { PaperReport } from './types';

/**
 * Reads reports from a JSON file holding one PaperReport or an array of them, and checks each;
 * errors name the file and the field (`reports/x.json [1] claims[0].verdict: expected …`).
 */
export function readReportFile(path: string): PaperReport[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw invalid(path, 'a readable PaperReport JSON file', (err as NodeJS.ErrnoException).code ?? 'an unreadable file');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw invalid(path, 'valid JSON', 'a parse error', (err as Error).message);
  }
  if (Array.isArray(data)) return data.map((item, i) => checkReport(item, `${path} [${i}]`));
  return [checkReport(data, path)];
}
