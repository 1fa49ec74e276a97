import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCsv } from '../../../src/library/data/index';
import { rng } from '../../../src/library/random/index';

/** parseCsv's result or its error message. */
function outcome(text: string): unknown {
  try {
    return parseCsv(text, 'w.csv');
  } catch (e) {
    return (e as Error).message;
  }
}

test('parseCsv: the split() path for quote-free text gives what the character loop gives, errors and lines included', () => {
  const r = rng('tests').child('data').child('csv-fast-path');
  const pieces = ['a', 'b', '1', '', ',', ',', '\n', '\r\n', '\r', ' ', '2.5', '\ufeff'];
  const indexOf = String.prototype.indexOf;
  for (let k = 0; k < 5000; k++) {
    const text = (r.uniform() < 0.3 ? '\ufeff' : '') + Array.from({ length: r.integer(0, 14) }, () => pieces[r.integer(0, pieces.length)]!).join('');
    const fast = outcome(text);
    // parseCsv takes the loop when the text holds a quote: make this text seem to hold one
    String.prototype.indexOf = function (this: string, s: string, from?: number) {
      return s === '"' && this === text ? 0 : indexOf.call(this, s, from);
    } as typeof indexOf;
    try {
      assert.deepEqual(fast, outcome(text), JSON.stringify(text));
    } finally {
      String.prototype.indexOf = indexOf;
    }
  }
  assert.deepEqual(parseCsv('x,y\r\n1,2\r3,4\n', 'f.csv'), { header: ['x', 'y'], rows: [['1', '2'], ['3', '4']], lines: [2, 3] });
  assert.throws(() => parseCsv('x,y\n1,2\n3\n', 'f.csv'), /f\.csv:3: expected 2 fields \(as in the header\), got 1 fields/);
});
