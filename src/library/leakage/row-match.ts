import type { HashColumn } from './row-hash';

/**
 * Open-addressing hash index over the rows of one part (e.g. train), keyed by the row hash. `find` returns a row of the part whose values equal the probe row's, or -1.
 * Equal values: exact equality (NaN equals NaN).
 */
export class RowIndex {
  /** Open addressing, two words a slot: the row, then its hash, so a probe compares hashes without a second random read. */
  private readonly slots: Int32Array;
  private readonly maskBits: number;

  constructor(
    private readonly columns: readonly HashColumn[],
    private readonly hashes: Int32Array,
    rows: Int32Array,
  ) {
    let cap = 16;
    while (cap < rows.length * 2) cap *= 2;
    this.slots = new Int32Array(2 * cap).fill(-1);
    this.maskBits = cap - 1;
    for (let i = 0; i < rows.length; i++) this.insert(rows[i]!);
  }

  private insert(row: number): void {
    const hash = this.hashes[row]!;
    let s = hash & this.maskBits;
    for (;;) {
      const other = this.slots[2 * s]!;
      if (other === -1) {
        this.slots[2 * s] = row;
        this.slots[2 * s + 1] = hash;
        return;
      }
      // keep the first of equal rows: one representative is enough for matching
      if (this.slots[2 * s + 1] === hash && this.equal(other, row)) return;
      s = (s + 1) & this.maskBits;
    }
  }

  /** A row of the indexed part equal to `row`, or -1. */
  find(row: number): number {
    const hash = this.hashes[row]!;
    let s = hash & this.maskBits;
    for (;;) {
      const other = this.slots[2 * s]!;
      if (other === -1) return -1;
      if (this.slots[2 * s + 1] === hash && this.equal(other, row)) return other;
      s = (s + 1) & this.maskBits;
    }
  }

  private equal(a: number, b: number): boolean {
    for (const col of this.columns) {
      const x = col[a]!;
      const y = col[b]!;
      if (typeof x === 'string') {
        if (x !== y) return false;
      } else if (x !== y && !(x !== x && y !== y)) {
        return false;
      }
    }
    return true;
  }
}
