// The project's TypeScript as the kernel sees it, built once per content instead of once per kernel
// (installed by tslab-patches.js; issue 13).
//
// Out of the box tslab puts every .ts file a cell imports into its own program: it parses them,
// type-checks all of them, emits each as an ES module and converts that to CommonJS, in every kernel
// (~8 s quiet, 18-20 s under load, for `import ... from './src/index'`). Here instead:
// - types: the declarations (.d.ts) of the project's code, made with tslab's own TypeScript and
//   options, are kept on disk keyed by the digest of the sources (LibraryCache.declarations) and
//   shown to tslab's compiler as virtual `x.d.ts` files beside each `x.ts`, whose source it no longer
//   sees. A cell is still type-checked against them; the code itself is checked by `tsc -p
//   tsconfig.json` (strict) and tests/harness/runner/tslab-compile.test.ts (tslab's TypeScript).
// - code: Node's require loads each .ts file, transpiled alone to CommonJS, cached by content digest.
// - edits: before each cell the sources are stat'ed; a changed file gets new declarations (its
//   importers too), and it and every module that imported it are loaded again (LibraryCache.refresh).
'use strict';
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const writeFileAtomic = require('write-file-atomic');

/** Folders, relative to the root, whose .ts files the declarations are built from (tests aside). */
const SCAN = ['src/library', 'papers'];
const ENTRY = 'src/index.ts';
/** Bump when what is cached changes shape. */
const FORMAT = 1;
/** Bump when the transpiled CommonJS changes shape (2: inline source maps). */
const JS_FORMAT = 2;

function sha(text) {
  return createHash('sha256').update(text).digest('hex');
}

/** Writes a file so a concurrent reader sees all of it or nothing (write-file-atomic: a temp name, then rename). */
function writeAtomic(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic.sync(file, text);
}

function listTs(dir, out) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name.startsWith('.') || e.name === 'runs') continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) listTs(full, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.bench.ts')) out.push(full);
  }
}

/** Declaration sets kept (~250 KB each; one per state of the sources a kernel has seen). */
const KEEP_DECLARATIONS = 40;

/** Removes all but the `keep` newest files of a folder (another kernel may remove them first). */
function prune(dir, keep) {
  try {
    const files = fs.readdirSync(dir).map((name) => path.join(dir, name)).map((f) => [f, fs.statSync(f).mtimeMs]);
    files.sort((a, b) => b[1] - a[1]);
    for (const [f] of files.slice(keep)) fs.rmSync(f, { force: true });
  } catch {}
}

function stamp(file) {
  try {
    const s = fs.statSync(file);
    return `${s.mtimeMs}:${s.ctimeMs}:${s.size}`;
  } catch {
    return 'missing';
  }
}

class LibraryCache {
  /**
   * @param ts tslab's TypeScript (@tslab/typescript-for-tslab)
   * @param root the repository root (the kernel's working directory)
   * @param cacheDir where declarations and transpiled files are kept, shared by every kernel
   */
  constructor(ts, root, cacheDir) {
    this.ts = ts;
    this.root = root;
    this.cacheDir = cacheDir;
    // tslab's own options (converter.js createConverter), for emitting declarations.
    this.options = {
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts'],
      declaration: true,
      emitDeclarationOnly: true,
      experimentalDecorators: true,
      resolveJsonModule: true,
      jsx: ts.JsxEmit.React,
      skipLibCheck: true,
      rootDir: root,
      outDir: path.join(root, 'outDir'),
    };
    this.jsOptions = {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      experimentalDecorators: true,
      jsx: ts.JsxEmit.React,
      newLine: ts.NewLineKind.LineFeed,
      // Stack traces name the .ts line, not the transpiled one (tslab-patches.js maps them).
      inlineSourceMap: true,
      inlineSources: true,
    };
    this.salt = `${FORMAT}:${ts.version}:${root}`;
    /** abs x.d.ts -> text, the virtual declarations tslab's compiler sees. */
    this.virtual = new Map();
    /** abs x.ts whose source tslab's compiler must not see (it has declarations). */
    this.hidden = new Set();
    /** abs file -> stamp, of every source the declarations were built from. */
    this.stamps = new Map();
    /** abs file -> sha of content, same files. */
    this.hashes = new Map();
    /** The program of the last declarations built in this process, reused by the next build. */
    this.program = undefined;
    this.loaded = false;
    this.building = false;
  }

  /** The root files of the declarations: src/index.ts and every .ts file under SCAN. */
  roots() {
    const out = [path.join(this.root, ENTRY)];
    for (const dir of SCAN) listTs(path.join(this.root, dir), out);
    return out.filter((f) => fs.existsSync(f)).sort();
  }

  /** Loads (or builds) the declarations on first use. */
  ensure() {
    if (!this.loaded) this.load(this.roots(), undefined);
  }

  /**
   * Builds or reads the declarations of the sources as they are now. `changed`: files known to have
   * changed since the last build in this process, so only they and their importers are re-emitted.
   */
  load(roots, changed) {
    const hashes = new Map();
    for (const f of roots) hashes.set(f, sha(fs.readFileSync(f)));
    const key = sha(this.salt + '\n' + roots.map((f) => `${path.relative(this.root, f)} ${hashes.get(f)}`).join('\n'));
    const file = path.join(this.cacheDir, 'declarations', `${key}.json`);
    let entry = this.readEntry(file);
    if (!entry) {
      entry = this.build(roots, changed);
      writeAtomic(file, JSON.stringify(entry));
      prune(path.dirname(file), KEEP_DECLARATIONS);
    }
    const before = this.virtual;
    this.virtual = new Map();
    this.hidden = new Set();
    this.stamps = new Map();
    this.hashes = new Map();
    for (const [rel, dts] of Object.entries(entry.declarations)) {
      const ts = path.join(this.root, rel);
      this.virtual.set(ts.replace(/\.ts$/, '.d.ts'), dts);
      this.hidden.add(ts);
    }
    for (const rel of Object.keys(entry.sources)) {
      const f = path.join(this.root, rel);
      this.stamps.set(f, stamp(f));
      this.hashes.set(f, entry.sources[rel]);
    }
    for (const f of roots) if (!this.stamps.has(f)) this.stamps.set(f, stamp(f));
    this.previous = entry.declarations;
    this.loaded = true;
    return before;
  }

  /** A cache entry if it exists and the sources outside SCAN it was built from are unchanged. */
  readEntry(file) {
    let entry;
    try {
      entry = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      return undefined;
    }
    for (const [rel, hash] of Object.entries(entry.sources)) {
      const f = path.join(this.root, rel);
      let now;
      try {
        now = sha(fs.readFileSync(f));
      } catch {
        return undefined;
      }
      if (now !== hash) return undefined;
    }
    return entry;
  }

  /** Emits the declarations with tslab's TypeScript: all files, or the changed ones and their importers. */
  build(roots, changed) {
    this.building = true; // the patched ts.sys shows the real files meanwhile (tslab-patches.js)
    try {
      return this.buildNow(roots, changed);
    } finally {
      this.building = false;
    }
  }

  buildNow(roots, changed) {
    const ts = this.ts;
    const program = ts.createProgram({ rootNames: roots, options: this.options, oldProgram: this.program });
    const own = program.getSourceFiles().filter((sf) => !sf.isDeclarationFile && !sf.fileName.includes('/node_modules/') && sf.fileName.startsWith(this.root + '/'));
    let targets = own;
    const declarations = {};
    if (changed && this.previous) {
      const stale = this.importersOf(own, changed);
      targets = own.filter((sf) => stale.has(sf.fileName) || !this.previous[path.relative(this.root, sf.fileName)]);
      for (const sf of own) {
        const rel = path.relative(this.root, sf.fileName);
        if (this.previous[rel] !== undefined) declarations[rel] = this.previous[rel];
      }
    }
    const outDir = this.options.outDir;
    for (const sf of targets) {
      program.emit(sf, (out, text) => {
        if (!out.endsWith('.d.ts')) return;
        declarations[path.relative(outDir, out).replace(/\.d\.ts$/, '.ts')] = text;
      }, undefined, true);
    }
    const sources = {};
    for (const sf of own) sources[path.relative(this.root, sf.fileName)] = sha(sf.text);
    this.program = program;
    this.previous = declarations;
    return { format: FORMAT, declarations, sources };
  }

  /** The files among `own` that import any of `changed`, directly or not, and `changed` themselves. */
  importersOf(own, changed) {
    const ts = this.ts;
    const cache = ts.createModuleResolutionCache(this.root, (f) => f, this.options);
    const importers = new Map(); // file -> files importing it
    for (const sf of own) {
      for (const imp of ts.preProcessFile(sf.text, true, true).importedFiles) {
        const r = ts.resolveModuleName(imp.fileName, sf.fileName, this.options, ts.sys, cache).resolvedModule;
        if (!r) continue;
        const target = r.resolvedFileName;
        if (!importers.has(target)) importers.set(target, new Set());
        importers.get(target).add(sf.fileName);
      }
    }
    const stale = new Set(changed);
    const queue = [...changed];
    while (queue.length) {
      for (const by of importers.get(queue.pop()) || []) {
        if (!stale.has(by)) {
          stale.add(by);
          queue.push(by);
        }
      }
    }
    return stale;
  }

  /**
   * Before a cell: have the sources changed since the declarations were made? Returns undefined
   * when not; else the changed .ts files and, per virtual .d.ts, 'changed' | 'created' | 'deleted'.
   */
  refresh() {
    if (!this.loaded) return undefined;
    const roots = this.roots();
    const files = new Set([...roots, ...this.stamps.keys()]);
    const changed = [];
    for (const f of files) if (this.stamps.get(f) !== stamp(f)) changed.push(f);
    if (changed.length === 0) return undefined;
    // A touched file with the same content changes nothing.
    const edited = changed.filter((f) => {
      let now;
      try {
        now = sha(fs.readFileSync(f));
      } catch {
        now = 'missing';
      }
      return now !== this.hashes.get(f);
    });
    if (edited.length === 0) {
      for (const f of changed) this.stamps.set(f, stamp(f));
      return undefined;
    }
    const before = this.load(roots, edited);
    const events = new Map();
    for (const [p, text] of this.virtual) if (before.get(p) !== text) events.set(p, before.has(p) ? 'changed' : 'created');
    for (const p of before.keys()) if (!this.virtual.has(p)) events.set(p, 'deleted');
    return { edited, events };
  }

  /** The CommonJS of one .ts file for Node's require, from the cache or transpiled now. */
  javascript(filename) {
    const source = fs.readFileSync(filename, 'utf8');
    const file = path.join(this.cacheDir, 'js', `${sha(`${JS_FORMAT}:${this.salt}\n${filename}\n${source}`)}.js`);
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {}
    const out = this.ts.transpileModule(source, { fileName: filename, compilerOptions: this.jsOptions, reportDiagnostics: true });
    const errors = (out.diagnostics || []).filter((d) => d.category === this.ts.DiagnosticCategory.Error);
    if (errors.length) {
      const d = errors[0];
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start || 0);
      throw new SyntaxError(`${path.relative(this.root, filename)}:${line + 1}:${character + 1} - ${this.ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    }
    writeAtomic(file, out.outputText);
    return out.outputText;
  }
}

/** Where the cache lives: PAPERLAB_TSLAB_CACHE, else a folder of this user's under the OS temp dir. */
function defaultCacheDir() {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return process.env.PAPERLAB_TSLAB_CACHE || path.join(os.tmpdir(), `paperlab-tslab-cache-${uid}`);
}

module.exports = { LibraryCache, defaultCacheDir };
