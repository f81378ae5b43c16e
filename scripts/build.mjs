#!/usr/bin/env node
/**
 * `npm run build` (also the `prepare` script, so `npm ci` runs it): compiles src/ → dist/ so the
 * installed `effekt` command starts from plain JavaScript instead of transpiling TypeScript
 * through tsx on every run (2.4 s → ≈ 0.1 s for `effekt --help`).
 *
 * Each file is transpiled on its own (typescript's transpileModule: the sources are written for
 * `isolatedModules`, so no file needs another to be emitted); type checking stays with
 * `npm test` (`tsc --noEmit`), which keeps `npm ci` at about a second of build instead of the
 * half minute a checked `tsc` emit takes on the 2-core machine. `.ts` import specifiers become
 * `.js` (rewriteRelativeImportExtensions); other files under src/ (e.g. registry.json, read at
 * run time next to its module) are copied. dist/ keeps src/'s layout and depth, so paths
 * relative to a module (`../../schemas/…`) resolve the same from either.
 *
 * Third-party packages that load as hundreds of small modules (arquero with node-fetch and
 * acorn, zod, vega, vega-lite, exceljs, jszip, commander, csv-parse, the @stdlib functions) are
 * bundled by esbuild into dist/_vendor/ (one file per package, shared code in common chunks), and
 * the compiled files import them from there: Node resolves, reads and compiles each ES module on
 * its own, so `import 'arquero'` cost 0.6–1.4 s of start-up on the shared machine and its bundle
 * 0.1 s (vega 0.8–1.8 s → 0.2–0.4 s, exceljs 0.9–2.9 s → 0.5 s). The code is the packages' own,
 * unchanged; packages with native parts or files of their own (@duckdb/node-api,
 * @resvg/resvg-js) and the rest load from node_modules as before. Without esbuild (it comes
 * with tsx) the build keeps plain package imports. zod and arquero are bundled with only the names
 * the sources use (slimUsage below).
 *
 * The command itself then runs from _bundle/ (bundleCli below): the compiled files and the
 * packages they use as one bundle with code splitting, an entry for cli/main.js and one per
 * worker-thread module, each module seeing its compiled file's URL as import.meta.url. The
 * compiled tree stays complete beside it: the public API (index.js), the files found next to
 * a module, and a build without esbuild run from there.
 *
 * The new tree is written to a temporary folder and swapped in whole, so a failed or
 * interrupted build never leaves a half-written dist/ that the command would run.
 * dist/.build.json records when the build started and every file and folder of src/;
 * bin/effekt.js compares their modification times (and package.json's and the lock's) with it
 * to notice a stale build without walking src/.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { writeValidators } from './build-validators.mjs';
import { writeFontSubsets } from './build-fonts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
// `--out <dir>` builds elsewhere (the tests build into a scratch folder); the default is dist/.
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 && process.argv[outArg + 1] ? resolve(process.argv[outArg + 1]) : join(root, 'dist');
const tmp = join(dirname(out), `.dist-${process.pid}`);
const started = Date.now();

const compilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  rewriteRelativeImportExtensions: true,
  esModuleInterop: true,
  sourceMap: false,
  removeComments: false,
};

/** Every file under dir; each folder is added to `folders` (its time changes when a file is added or removed). */
function* walk(dir, folders) {
  folders.push(dir);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p, folders);
    else if (e.isFile()) yield p;
  }
}

/** Packages bundled into dist/_vendor/ (exact specifiers, or a scope prefix ending in '/'). */
const VENDOR = ['arquero', 'zod', 'csv-parse/sync', 'commander', 'vega', 'vega-lite', 'exceljs/lib/doc/workbook.js', 'jszip', '@stdlib/'];
const isVendored = (spec) => VENDOR.some((v) => (v.endsWith('/') ? spec.startsWith(v) : spec === v));
const vendorFile = (spec) => `${spec.replace(/^@/, '').replace(/\//g, '__')}.js`;
// A static `from '…'` / `import '…'` / dynamic `import('…')` of a bare specifier in emitted JavaScript.
const BARE_IMPORT = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"./][^'"]*)\2/g;

/**
 * Packages bundled with only the names the sources use, so that esbuild's tree-shaking drops the
 * rest: zod's classic API carries ≈ 50 locales and every schema type (759 KB as a whole, 209 KB
 * slim), arquero a URL loader with node-fetch and its polyfills. zod's English messages stay:
 * zod registers them when the first schema is constructed (classic/schemas.js), not through an
 * export. Other packages are bundled whole.
 */
const SLIM = new Set(['zod', 'arquero']);
// `import … from 'pkg'` with its clause: `* as ns`, `{ a, b as c }`, or anything else (default imports).
const STATIC_IMPORT = /\bimport\s+([^'";]*?)\s+from\s*(['"])([^'"]+)\2/g;

/**
 * What one emitted file uses of the SLIM packages: pkg → { names, members } (`members` per
 * local namespace binding: `z.object` → members.get('z') has 'object'), or 'whole' when the
 * file uses a package in a way this cannot follow (default import, a namespace passed around,
 * a dynamic import) — the package is then bundled whole, as before.
 */
function slimUsage(js, usage) {
  for (const m of js.matchAll(BARE_IMPORT)) if (SLIM.has(m[3]) && !m[1].startsWith('from') && !/^import\s+$/.test(m[1])) usage.set(m[3], 'whole'); // import('pkg')
  for (const m of js.matchAll(STATIC_IMPORT)) {
    const spec = m[3];
    if (!SLIM.has(spec) || usage.get(spec) === 'whole') continue;
    const clause = m[1].trim();
    if (clause.startsWith('type ')) continue;
    const u = usage.get(spec) ?? { names: new Set(), members: new Map() };
    usage.set(spec, u);
    const locals = []; // [imported name or '*', local binding]
    const ns = /^\*\s+as\s+([\w$]+)$/.exec(clause);
    const named = /^\{([^}]*)\}$/.exec(clause);
    if (ns) locals.push(['*', ns[1]]);
    else if (named) {
      for (const part of named[1].split(',').map((x) => x.trim()).filter(Boolean)) {
        if (part.startsWith('type ')) continue;
        const [imported, local = imported] = part.split(/\s+as\s+/);
        locals.push([imported, local]);
      }
    } else {
      usage.set(spec, 'whole');
      continue;
    }
    const rest = js.replace(m[0], '');
    for (const [imported, local] of locals) {
      if (imported !== '*') u.names.add(imported);
      // Every other use of the binding must be `local.member` (and not `x.local`); else the whole package.
      const members = new Set();
      for (const r of rest.matchAll(new RegExp(`(\\.\\s*)?(?<![\\w$])${local.replace(/\$/g, '\\$')}(?![\\w$])(\\s*\\.\\s*([\\w$]+))?`, 'g'))) {
        if (r[1]) continue; // x.local: another object's property
        if (!r[3]) {
          usage.set(spec, 'whole');
          return;
        }
        members.add(r[3]);
      }
      const key = imported === '*' ? '*' : imported;
      const all = u.members.get(key) ?? new Set();
      for (const x of members) all.add(x);
      u.members.set(key, all);
    }
  }
}

/**
 * The entry module of a slim bundle: `export { a, b } from 'pkg'`, and for a namespace the
 * package exports (zod's `z`) a frozen object of the members used, taken from the package's top
 * level so that the rest can be dropped. Null when the package's exports do not allow it.
 */
async function slimEntry(spec, u) {
  const mod = await import(spec);
  const isNamespace = (v) => Object.prototype.toString.call(v) === '[object Module]';
  const top = new Set(u.names);
  const lines = [];
  for (const [key, members] of u.members) {
    if (key === '*') {
      for (const x of members) if (x in mod) top.add(x);
      continue;
    }
    if (!isNamespace(mod[key])) continue; // a plain export: `names` has it
    top.delete(key);
    const used = [...members].filter((x) => x in mod[key]).sort();
    if (used.some((x) => mod[x] !== mod[key][x])) return null;
    lines.push(`import { ${used.map((x) => `${x} as __${x}`).join(', ')} } from '${spec}';`);
    lines.push(`export const ${key} = Object.freeze({ ${used.map((x) => `${x}: __${x}`).join(', ')} });`);
  }
  if ([...top].some((x) => !(x in mod))) return null;
  if (top.size > 0) lines.unshift(`export { ${[...top].sort().join(', ')} } from '${spec}';`);
  return lines.join('\n') + '\n';
}

/** esbuild plugin: `effekt-slim:<package>` is the slim entry of that package (slimEntry). */
function slimPlugin(slim) {
  return {
    name: 'effekt-slim',
    setup(b) {
      b.onResolve({ filter: /^effekt-slim:/ }, (a) => ({ path: a.path.slice('effekt-slim:'.length), namespace: 'effekt-slim' }));
      b.onLoad({ filter: /.*/, namespace: 'effekt-slim' }, (a) => ({ contents: slim.get(a.path), resolveDir: root, loader: 'js' }));
    },
  };
}

/** Bundles the vendored packages the sources import; false when esbuild is not installed. */
async function bundleVendor(specs, outdir, slim) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return false;
  }
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [...specs].sort().map((s) => ({ in: slim.has(s) ? `effekt-slim:${s}` : s, out: vendorFile(s).replace(/\.js$/, '') })),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir,
    chunkNames: 'chunk-[hash]',
    legalComments: 'inline',
    logLevel: 'error',
    // CommonJS inside the bundles (exceljs, jszip, @stdlib, commander) still calls require() for
    // Node's built-in modules.
    banner: { js: "import { createRequire as __effektCreateRequire } from 'node:module';\nconst require = __effektCreateRequire(import.meta.url);" },
    plugins: [slimPlugin(slim)],
  });
  return true;
}

/**
 * The command's own code as one bundle, _bundle/main.js (bin/effekt.js runs it when it is there),
 * with code splitting: what a command imports lazily stays in chunks of its own, loaded when
 * the command gets there. Node resolves, reads, compiles and links each ES module on its own,
 * and `effekt run` loaded ≈ 310 of them (≈ 250 of effekt's, 4.2 MB) before its first step.
 * Built from the compiled files beside it (the same JavaScript), with the vendored packages taken
 * from node_modules so that the bundle holds only what is used of them; the packages that stay
 * outside _vendor/ stay outside the bundle too (native parts, files of their own).
 *
 * A module's import.meta.url becomes the URL of its compiled file in this tree (every file of
 * _bundle/ is one level below it), so that the files found relative to a module — the worker
 * modules, the fonts, registry.json, the precompiled validators, ../../schemas/ — are found as
 * before, and the worker threads still start from the compiled tree.
 */
async function bundleCli(esbuild, dir, entries, vendored, slim) {
  const bundleDir = join(dir, '_bundle');
  const vendorDir = join(dir, '_vendor') + sep;
  const specOf = new Map([...vendored].map((spec) => [vendorFile(spec), spec]));
  const r = await esbuild.build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(entries.map(([name, file]) => [name, join(dir, file)])),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: bundleDir,
    chunkNames: 'chunk-[hash]',
    legalComments: 'inline',
    logLevel: 'error',
    metafile: true,
    banner: { js: "import { createRequire as __effektCreateRequire } from 'node:module';\nconst require = __effektCreateRequire(import.meta.url);" },
    plugins: [
      {
        name: 'effekt-cli',
        setup(b) {
          // ../_vendor/<file>.js → the package in node_modules
          b.onResolve({ filter: /_vendor\/[^/]+\.js$/ }, async (a) => {
            const file = resolve(a.resolveDir, a.path);
            if (!file.startsWith(vendorDir) || a.pluginData === 'vendor') return undefined;
            const spec = specOf.get(file.slice(vendorDir.length));
            if (spec === undefined) throw new Error(`${relative(dir, a.importer)} imports ${a.path}, which is no vendored package`);
            if (slim.has(spec)) return { path: spec, namespace: 'effekt-slim' };
            return b.resolve(spec, { kind: a.kind, resolveDir: root, pluginData: 'vendor' });
          });
          // other packages imported by effekt's files stay outside the bundle
          b.onResolve({ filter: /^[^./]/ }, (a) => (a.pluginData !== 'vendor' && a.importer.startsWith(dir + sep) && !a.importer.startsWith(vendorDir) ? { path: a.path, external: true } : undefined));
          b.onLoad({ filter: /\.js$/ }, (a) => {
            if (!a.path.startsWith(dir + sep) || a.path.startsWith(vendorDir)) return undefined;
            const rel = relative(dir, a.path).split(sep).join(posix.sep);
            const js = readFileSync(a.path, 'utf8').replace(/\bimport\.meta\.url\b/g, `new URL(${JSON.stringify(`../${rel}`)}, import.meta.url).href`);
            return { contents: js, loader: 'js' };
          });
        },
      },
      slimPlugin(slim),
    ],
  });
  // Which packages each file of the bundle holds (test/cli/run.test.ts checks what a command loads).
  const packages = {};
  for (const [file, o] of Object.entries(r.metafile.outputs)) {
    const names = new Set();
    for (const input of Object.keys(o.inputs)) {
      const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input.split(sep).join(posix.sep));
      if (m) names.add(m[1]);
    }
    packages[posix.basename(file)] = [...names].sort();
  }
  writeFileSync(join(bundleDir, 'packages.json'), `${JSON.stringify(packages, null, 2)}\n`);
}

/**
 * The modules worker threads are started from (`new Worker(new URL('./fcs-worker.js', …))`): each
 * is an entry of the bundle too, and its compiled file just imports that entry, so a thread loads
 * a few bundle files instead of its ≈ 30–80 modules. A worker not listed runs from its compiled
 * files, as before.
 */
const WORKERS = [
  'analysis/power/simulate/worker.js',
  'analysis/run/analysis-worker.js',
  'data/validate/columnar-worker.js',
  'report/render/png-worker.js',
  'report/render/svg-worker.js',
  'rollout/ingest/read-worker.js',
  'stats/mi/fcs-worker.js',
];

let compiled = 0;
const problems = [];
try {
  rmSync(tmp, { recursive: true, force: true });
  const folders = [];
  const files = [...walk(src, folders)];
  const emitted = new Map(); // target → JavaScript
  const vendored = new Set();
  const usage = new Map(); // SLIM package → what the sources use of it (slimUsage)
  for (const file of files) {
    const rel = relative(src, file);
    if (file.endsWith('.d.ts')) continue;
    if (file.endsWith('.ts')) {
      const r = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions, fileName: file, reportDiagnostics: true });
      for (const d of r.diagnostics ?? []) problems.push(`${rel}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      for (const m of r.outputText.matchAll(BARE_IMPORT)) if (isVendored(m[3])) vendored.add(m[3]);
      slimUsage(r.outputText, usage);
      emitted.set(join(tmp, rel.replace(/\.ts$/, '.js')), r.outputText);
      compiled++;
    } else {
      const target = join(tmp, rel);
      mkdirSync(dirname(target), { recursive: true });
      cpSync(file, target);
    }
  }
  if (problems.length > 0) throw new Error(`cannot transpile:\n  ${problems.join('\n  ')}`);
  const vendorDir = join(tmp, '_vendor');
  const slim = new Map(); // package → entry module text
  for (const [spec, u] of usage) {
    const entry = u === 'whole' || !vendored.has(spec) ? null : await slimEntry(spec, u);
    if (entry !== null) slim.set(spec, entry);
  }
  const bundled = vendored.size > 0 && (await bundleVendor(vendored, vendorDir, slim));
  for (const [target, js] of emitted) {
    const toVendor = (spec) => {
      const r = relative(dirname(target), join(vendorDir, vendorFile(spec))).split(sep).join(posix.sep);
      return r.startsWith('.') ? r : `./${r}`;
    };
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bundled ? js.replace(BARE_IMPORT, (all, head, q, spec) => (isVendored(spec) ? `${head}${q}${toVendor(spec)}${q}` : all)) : js);
  }
  if (bundled) {
    const entries = [['main', 'cli/main.js'], ...WORKERS.map((w) => [w.replace(/\.js$/, '').replace(/\//g, '__'), w])];
    await bundleCli(await import('esbuild'), tmp, entries, vendored, slim);
    // The worker modules' compiled files start their bundle: the threads are started by those URLs.
    for (const [name, file] of entries.slice(1)) {
      const r = relative(dirname(join(tmp, file)), join(tmp, '_bundle', `${name}.js`)).split(sep).join(posix.sep);
      writeFileSync(join(tmp, file), `// The worker's code is in the bundle (scripts/build.mjs, bundleCli).\nimport '${r}';\n`);
    }
  }
  writeValidators(root, join(tmp, 'report', 'validators'));
  await writeFontSubsets(join(tmp, 'report', 'render', 'fonts')); // smaller DejaVu files for the PNG charts (build-fonts.mjs)
  const sources = [...folders, ...files].map((p) => relative(root, p).split(sep).join(posix.sep));
  writeFileSync(join(tmp, '.build.json'), `${JSON.stringify({ builtAt: started, files: compiled, vendored: bundled ? [...vendored].sort() : [], slim: bundled ? [...slim.keys()].sort() : [], sources }, null, 2)}\n`);
  // package.json's "type": "module" applies to dist/ too (it is inside the package).
  const old = join(dirname(out), `.dist-old-${process.pid}`);
  if (existsSync(out)) renameSync(out, old);
  renameSync(tmp, out);
  rmSync(old, { recursive: true, force: true });
  if (!process.argv.includes('--quiet')) process.stdout.write(`effekt build: ${compiled} modules → dist/ in ${Date.now() - started} ms\n`);
} catch (e) {
  rmSync(tmp, { recursive: true, force: true });
  process.stderr.write(`effekt build failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
