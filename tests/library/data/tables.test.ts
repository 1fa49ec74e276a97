import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DATA_DIR, loadTable, loadTableFrame, parseCsv, readManifest, sha256 } from '../../../src/library/data/index';
import { meanImputer, table } from '../../../src/library/leakage/index';

const SKLEARN = '/usr/lib/python3/dist-packages/sklearn/datasets/data';

/** A temp data folder holding a copy of the real manifest and files, edited by `edit`. */
function withDataCopy(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'paperlab-data-'));
  try {
    for (const f of ['manifest.yaml', 'breast-cancer.csv', 'wine.csv']) copyFileSync(join(DEFAULT_DATA_DIR, f), join(dir, f));
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true });
  }
}

test('manifest: every shipped file matches its sha256, rows and columns', () => {
  const entries = readManifest();
  assert.deepEqual(entries.map((e) => e.name), ['breast-cancer', 'wine']);
  for (const e of entries) {
    assert.equal(sha256(readFileSync(join(DEFAULT_DATA_DIR, e.file))), e.sha256, e.name);
    const t = parseCsv(readFileSync(join(DEFAULT_DATA_DIR, e.file), 'utf8'), e.file);
    assert.equal(t.rows.length, e.rows);
    assert.equal(t.header.length, e.columns);
  }
});

test('breast-cancer: 569 x 30 features, 212 malignant / 357 benign, values equal scikit-learn\'s file (oracle)', () => {
  const ds = loadTable('breast-cancer');
  assert.deepEqual(ds.shape, [569, 30]);
  assert.deepEqual(ds.classCounts, [212, 357]);
  assert.deepEqual(ds.classNames, ['malignant', 'benign']);
  assert.equal(ds.featureNames![0], 'mean radius');
  assert.equal(ds.featureNames![29], 'worst fractal dimension');
  const lines = readFileSync(join(SKLEARN, 'breast_cancer.csv'), 'utf8').trim().split('\n');
  assert.equal(lines[0], '569,30,malignant,benign');
  lines.slice(1).forEach((line, i) => {
    const v = line.split(',').map(Number);
    assert.deepEqual(Array.from(ds.x.subarray(i * 30, i * 30 + 30)), v.slice(0, 30).map(Math.fround), `row ${i}`);
    assert.equal(ds.y[i], v[30]);
  });
});

test('wine: 178 x 13, classes 59 / 71 / 48', () => {
  const ds = loadTable('wine');
  assert.deepEqual(ds.shape, [178, 13]);
  assert.deepEqual(ds.classCounts, [59, 71, 48]);
  assert.match(ds.source, /wine\.csv \(scikit-learn 1\.2\.1/);
});

test('a tampered copy is refused with the file, both hashes and the fix', () => {
  withDataCopy((dir) => {
    const path = join(dir, 'wine.csv');
    writeFileSync(path, readFileSync(path, 'utf8').replace('14.23,1.71', '14.23,1.72'));
    assert.throws(() => loadTable('wine', { dataDir: dir }), (e: Error) => {
      assert.match(e.message, /wine\.csv \(manifest\.yaml entry 'wine'\): sha256 mismatch: expected 546a846b[0-9a-f]{56}, got [0-9a-f]{64}; the file differs from the one pinned, refusing to load it; restore the original \(git checkout -- data\/wine\.csv\)/);
      assert.equal((e as { code?: string }).code, 'checksum-mismatch');
      return true;
    });
    assert.doesNotThrow(() => loadTable('breast-cancer', { dataDir: dir })); // the other entry is intact
  });
});

test('rows, columns and class counts are checked even when the checksum was updated', () => {
  withDataCopy((dir) => {
    const path = join(dir, 'wine.csv');
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    writeFileSync(path, lines.slice(0, -1).join('\n') + '\n'); // drop the last row
    const manifest = join(dir, 'manifest.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/546a846b[0-9a-f]{56}/, sha256(readFileSync(path))));
    assert.throws(() => loadTable('wine', { dataDir: dir }), /wine\.csv: rows: expected 178 \(manifest\.yaml entry 'wine'\), got 177/);
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('rows: 178', 'rows: 177'));
    assert.throws(() => loadTable('wine', { dataDir: dir }), /dataset wine: classCounts: expected \[59, 71, 48\], got \[59, 71, 47\]/);
  });
});

test('manifest errors name file:line, the field and the rule', () => {
  withDataCopy((dir) => {
    const manifest = join(dir, 'manifest.yaml');
    const text = readFileSync(manifest, 'utf8');
    const line = (needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    writeFileSync(manifest, text.replace('    licence: BSD-3-Clause\n', '    license: BSD-3-Clause\n'));
    assert.throws(() => readManifest(dir), new RegExp(`manifest\\.yaml:${line('licence: BSD')} datasets\\[0\\]\\.license: expected one of .*, got license; did you mean "licence"\\?`));
    writeFileSync(manifest, text.replace('rows: 569', 'rows: many'));
    assert.throws(() => readManifest(dir), new RegExp(`manifest\\.yaml:${line('rows: 569')} datasets\\[0\\]\\.rows: expected a positive integer, got many`));
    writeFileSync(manifest, text.replace('    classes: [malignant, benign]\n', ''));
    assert.throws(() => readManifest(dir), /datasets\[0\]: expected classes: a list of at least 2 class names \(task is classification\), got none/);
    writeFileSync(manifest, text);
    assert.throws(() => loadTable('wines', { dataDir: dir }), /loadTable\(name\) in .*manifest\.yaml: expected one of breast-cancer, wine, got wines/);
  });
});

test('manifest.yaml goes through the paper files\' YAML reader: duplicate keys named, size limited', () => {
  withDataCopy((dir) => {
    const manifest = join(dir, 'manifest.yaml');
    const text = readFileSync(manifest, 'utf8');
    const line = (needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    writeFileSync(manifest, text.replace('    rows: 569\n', '    rows: 569\n    rows: 570\n'));
    assert.throws(() => readManifest(dir), new RegExp(`manifest\\.yaml:${line('rows: 569') + 1}:5 datasets\\[0\\]\\.rows: expected each key once in a mapping, got the key "rows" again \\(first at line ${line('rows: 569')}\\)$`));
    writeFileSync(manifest, `${text}# ${'z'.repeat(1024 * 1024)}\n`);
    assert.throws(() => readManifest(dir), /manifest\.yaml: expected a YAML file of at most 1 MiB \(1048576 bytes\), got \d+ bytes \(1\.0 MiB\); keep data and logs out of manifest\.yaml$/);
    writeFileSync(manifest, '\u0000\u0001');
    assert.throws(() => readManifest(dir), /manifest\.yaml:1:1: expected a YAML mapping with the key datasets \(UTF-8 text without control characters\), got the control character U\+0000 in "\\u0000\\u0001"$/);
  });
});

test('a JSON table of records loads; text features are refused by loadTable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperlab-json-'));
  try {
    const records = [{ a: 1, b: null, y: 0.5 }, { a: 2, b: 3, y: 1.5 }];
    const bytes = Buffer.from(JSON.stringify(records));
    writeFileSync(join(dir, 't.json'), bytes);
    writeFileSync(join(dir, 'manifest.yaml'), [
      'datasets:', '  - name: t', '    file: t.json', '    format: json', '    source: test', '    licence: CC0-1.0',
      `    sha256: "${sha256(bytes)}"`, '    rows: 2', '    columns: 3', '    target: y', '    task: regression', '',
    ].join('\n'));
    const ds = loadTable('t', { dataDir: dir, missing: 'nan' });
    assert.deepEqual(ds.shape, [2, 2]);
    assert.ok(ds.y instanceof Float32Array);
    assert.deepEqual(Array.from(ds.y), [0.5, 1.5]);
    assert.ok(Number.isNaN(ds.x[1]));
    assert.throws(() => loadTable('t', { dataDir: dir }), /t\.json: row 1, column b: expected a number \(loadTable builds numeric features\), got a missing value \(null\); pass loadTable\('t', \{ missing: 'nan' \}\) to read it as NaN/);
    const text = Buffer.from(JSON.stringify([{ a: 'x', y: 1 }]));
    writeFileSync(join(dir, 't.json'), text);
    writeFileSync(join(dir, 'manifest.yaml'), readFileSync(join(dir, 'manifest.yaml'), 'utf8')
      .replace(/[0-9a-f]{64}/, sha256(text)).replace('rows: 2', 'rows: 1').replace('columns: 3', 'columns: 2'));
    assert.throws(() => loadTable('t', { dataDir: dir }), /t\.json: row 1, column a: expected a number \(loadTable builds numeric features\), got x; use loadTableFrame\('t'\) for text columns/);
    const huge = Buffer.from('[{"a":1e999,"y":1}]');
    writeFileSync(join(dir, 't.json'), huge);
    writeFileSync(join(dir, 'manifest.yaml'), readFileSync(join(dir, 'manifest.yaml'), 'utf8').replace(/[0-9a-f]{64}/, sha256(huge)));
    assert.throws(() => loadTable('t', { dataDir: dir }), /t\.json: record 0\.a: expected a finite number \(within float64 range\), got Infinity$/);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('parseCsv: quotes, doubled quotes, embedded newlines, CRLF; ragged rows refused with their line', () => {
  const t = parseCsv('a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",3\r\n', 'q.csv');
  assert.deepEqual(t.header, ['a', 'b']);
  assert.deepEqual(t.rows, [['x, y', 'say "hi"'], ['two\nlines', '3']]);
  assert.throws(() => parseCsv('a,b\n1,2\n3\n', 'r.csv'), /r\.csv:3: expected 2 fields \(as in the header\), got 1 fields/);
  assert.throws(() => parseCsv('a,b\n"1,2\n', 'u.csv'), /u\.csv:2: expected a closing quote, got end of file/);
});

test('loadTableFrame: a danfojs DataFrame with every column', async () => {
  const df = await loadTableFrame('breast-cancer');
  assert.deepEqual(df.shape, [569, 31]);
  assert.equal(df.columns[30], 'target');
  assert.equal(df.column('target').sum(), 357);
});

/** A copy of the data folder whose wine.csv has `edit` applied to its text and the manifest's sha256 updated. */
function withEditedWine(edit: (text: string) => string, fn: (dir: string) => void): void {
  withDataCopy((dir) => {
    const path = join(dir, 'wine.csv');
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
    const manifest = join(dir, 'manifest.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/546a846b[0-9a-f]{56}/, sha256(readFileSync(path))));
    fn(dir);
  });
}

test('an empty cell is refused with file, line, column and value unless missing: "nan" is asked for', () => {
  withEditedWine((t) => t.replace('\n13.2,1.78,', '\n13.2,,'), (dir) => {
    assert.throws(() => loadTable('wine', { dataDir: dir }), (e: Error) => {
      assert.match(e.message, /wine\.csv:3 column 2 \(malic_acid\): expected a number \(loadTable builds numeric features\), got an empty cell; pass loadTable\('wine', \{ missing: 'nan' \}\) to read it as NaN, then fill it with leakage\.meanImputer\(\) fit on the training rows$/);
      assert.equal((e as { code?: string }).code, 'invalid');
      return true;
    });
    const ds = loadTable('wine', { dataDir: dir, missing: 'nan' });
    const clean = loadTable('wine');
    assert.ok(Number.isNaN(ds.x[13 + 1]));
    const others = (x: Float32Array) => Array.from(x).filter((_, k) => k !== 14);
    assert.deepEqual(others(ds.x), others(clean.x), 'every other value is unchanged');
    // What the hint says to do next works: meanImputer fit on training rows fills the NaN.
    const malic = Float32Array.from({ length: 178 }, (_, i) => ds.x[i * 13 + 1]!);
    const t = table({ malic_acid: malic });
    const train = Int32Array.from({ length: 100 }, (_, i) => i);
    const filled = meanImputer().fit(t, train).transform(t).columns.malic_acid!;
    const rest = Array.from(train).filter((i) => i !== 1).map((i) => malic[i]!);
    assert.ok(Math.abs(Number(filled[1]) - rest.reduce((a, b) => a + b, 0) / rest.length) < 1e-5);
  });
});

test('an empty target cell is refused even with missing: "nan"', () => {
  withEditedWine((t) => t.replace('\n13.2,1.78,2.14,11.2,100,2.65,2.76,0.26,1.28,4.38,1.05,3.4,1050,0\n', '\n13.2,1.78,2.14,11.2,100,2.65,2.76,0.26,1.28,4.38,1.05,3.4,1050,\n'), (dir) => {
    assert.throws(() => loadTable('wine', { dataDir: dir, missing: 'nan' }), /wine\.csv:3 column 14 \(target\): expected a class id in 0\.\.2 or one of class_0, class_1, class_2, got an empty cell/);
  });
});

test('a number out of range (1e999, or beyond Float32) is refused, not loaded as Infinity or 0', async () => {
  let frame: Promise<unknown> = Promise.resolve();
  withEditedWine((t) => t.replace('\n13.2,1.78,', '\n13.2,1e999,'), (dir) => {
    assert.throws(() => loadTable('wine', { dataDir: dir }), /wine\.csv:3 column 2 \(malic_acid\): expected a finite number \(within float64 range\), got 1e999$/);
    frame = assert.rejects(loadTableFrame('wine', { dataDir: dir }), /wine\.csv:3 column 2 \(malic_acid\): expected a finite number \(within float64 range\), got 1e999$/);
  });
  await frame;
  withEditedWine((t) => t.replace('\n13.2,1.78,', '\n13.2,-1e-999,'), (dir) => {
    assert.throws(() => loadTable('wine', { dataDir: dir }), /wine\.csv:3 column 2 \(malic_acid\): expected a number within float64 range \(not rounded to 0\), got -1e-999$/);
  });
  withEditedWine((t) => t.replace('\n13.2,1.78,', '\n13.2,4e38,'), (dir) => {
    assert.throws(() => loadTable('wine', { dataDir: dir }), /wine\.csv:3 column 2 \(malic_acid\): expected a number within Float32 range \(\|x\| <= 3\.4028234663852886e\+38; loadTable builds Float32 features\), got 4e\+38$/);
  });
});

test('the text NaN in a numeric column points at the missing-value option, not at loadTableFrame', () => {
  for (const nan of ['NaN', 'nan']) {
    withEditedWine((t) => t.replace('\n13.2,1.78,', `\n13.2,${nan},`), (dir) => {
      assert.throws(() => loadTable('wine', { dataDir: dir }), (e: Error) => {
        assert.match(e.message, new RegExp(`wine\\.csv:3 column 2 \\(malic_acid\\): expected a number \\(loadTable builds numeric features\\), got ${nan}; a missing value\\? pass loadTable\\('wine', \\{ missing: 'nan' \\}\\) to read it as NaN, then fill it with leakage\\.meanImputer\\(\\) fit on the training rows$`));
        assert.doesNotMatch(e.message, /loadTableFrame/);
        return true;
      });
      assert.ok(Number.isNaN(loadTable('wine', { dataDir: dir, missing: 'nan' }).x[14]));
    });
  }
  withEditedWine((t) => t.replace('\n13.2,1.78,', '\n13.2,low,'), (dir) => {
    assert.throws(() => loadTable('wine', { dataDir: dir }), /wine\.csv:3 column 2 \(malic_acid\): expected a number \(loadTable builds numeric features\), got low; use loadTableFrame\('wine'\) for text columns$/);
  });
});

test('a data file that is a symlink out of the data folder is refused; one inside it is followed', () => {
  withDataCopy((dir) => {
    const outside = mkdtempSync(join(tmpdir(), 'paperlab-outside-'));
    try {
      renameSync(join(dir, 'wine.csv'), join(outside, 'wine.csv'));
      symlinkSync(join(outside, 'wine.csv'), join(dir, 'wine.csv'));
      assert.throws(() => loadTable('wine', { dataDir: dir }), (e: Error) => {
        assert.match(e.message, /wine\.csv \(manifest\.yaml entry 'wine'\): expected a file inside the data folder .*, got a link to .*paperlab-outside-.*wine\.csv; copy the file into the data folder instead of linking to it$/);
        assert.equal((e as { code?: string }).code, 'outside-data-dir');
        return true;
      });
      rmSync(join(dir, 'wine.csv'));
      mkdirSync(join(dir, 'originals'));
      renameSync(join(outside, 'wine.csv'), join(dir, 'originals', 'wine.csv'));
      symlinkSync(join('originals', 'wine.csv'), join(dir, 'wine.csv'));
      assert.deepEqual(loadTable('wine', { dataDir: dir }).shape, [178, 13]);
    } finally {
      rmSync(outside, { recursive: true });
    }
  });
});

test('a manifest.yaml that is a symlink out of the data folder is refused', () => {
  withDataCopy((dir) => {
    const outside = mkdtempSync(join(tmpdir(), 'paperlab-outside-'));
    try {
      renameSync(join(dir, 'manifest.yaml'), join(outside, 'manifest.yaml'));
      symlinkSync(join(outside, 'manifest.yaml'), join(dir, 'manifest.yaml'));
      assert.throws(() => readManifest(dir), /manifest\.yaml: expected a file inside the data folder .*, got a link to .*paperlab-outside-.*manifest\.yaml/);
    } finally {
      rmSync(outside, { recursive: true });
    }
  });
});
