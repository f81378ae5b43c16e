/**
 * scripts/build.mjs (the `prepare` script): src/ → JavaScript, with the many-module packages
 * bundled into _vendor/ and imported from there (issue 14 item 1). The bundles must be the
 * packages themselves: the same exports, the same behaviour. Built into a scratch folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/fixtures.ts';

let scratch: string;
let out: string;
let record: { builtAt: number; files: number; vendored: string[]; slim: string[]; sources: string[] };

function* jsFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && e.name !== '_vendor') yield* jsFiles(p);
    else if (e.isFile() && p.endsWith('.js')) yield p;
  }
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'effekt-build-'));
  // The packages effekt leaves outside its bundles (resvg, ajv, …) are found from the build, as in the repository.
  symlinkSync(join(repoRoot, 'node_modules'), join(scratch, 'node_modules'));
  out = join(scratch, 'dist');
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs'), '--quiet', '--out', out], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  record = JSON.parse(readFileSync(join(out, '.build.json'), 'utf8'));
}, 300_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('scripts/build.mjs', () => {
  it('records every source file and folder for the staleness check', () => {
    expect(record.sources).toContain('src');
    expect(record.sources).toContain('src/cli/main.ts');
    expect(record.sources).toContain('src/cli/commands');
    expect(record.files).toBeGreaterThan(100);
  });

  it('bundles the many-module packages and no compiled file imports them from node_modules', () => {
    expect(record.vendored).toEqual(expect.arrayContaining(['arquero', 'commander', 'zod', 'vega', 'vega-lite', 'exceljs/lib/doc/workbook.js']));
    const bare = new RegExp(`(from\\s*|import\\s*\\(\\s*)['"](${record.vendored.map((v) => v.replace(/[/.]/g, '\\$&')).join('|')})['"]`);
    for (const f of jsFiles(out)) expect(readFileSync(f, 'utf8'), f).not.toMatch(bare);
    expect(readFileSync(join(out, 'cli/main.js'), 'utf8')).toContain("from '../_vendor/commander.js'");
  });

  it('each bundle has the exports of its package (the slim ones: those the sources use)', async () => {
    expect(record.slim).toEqual(['arquero', 'zod']);
    for (const spec of record.vendored) {
      const file = join(out, '_vendor', `${spec.replace(/^@/, '').replace(/\//g, '__')}.js`);
      const bundled = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      const original = (await import(spec)) as Record<string, unknown>;
      if (!record.slim.includes(spec)) expect(Object.keys(bundled).sort(), spec).toEqual(Object.keys(original).sort());
      for (const k of Object.keys(bundled)) {
        expect(typeof bundled[k], `${spec}.${k}`).toBe(typeof original[k]);
        // zod's `z`: the members used, each of the same kind as the package's
        if (record.slim.includes(spec) && typeof original[k] === 'object') for (const x of Object.keys(bundled[k] as object)) expect(typeof (bundled[k] as Record<string, unknown>)[x], `${spec}.${k}.${x}`).toBe(typeof (original[k] as Record<string, unknown>)[x]);
      }
    }
    const { z } = (await import(pathToFileURL(join(out, '_vendor', 'zod.js')).href)) as { z: Record<string, unknown> };
    expect(Object.keys(z)).toEqual(expect.arrayContaining(['object', 'string', 'number', 'enum', 'discriminatedUnion', 'toJSONSchema']));
    expect(Object.keys(z)).not.toContain('locales'); // zod's ≈ 50 other languages are not bundled
  }, 120_000);

  it("bundles the command's own code into _bundle/, where each module finds its files as from the compiled tree", async () => {
    const dir = join(out, '_bundle');
    const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
    expect(files).toContain('main.js');
    const packages = JSON.parse(readFileSync(join(dir, 'packages.json'), 'utf8')) as Record<string, string[]>;
    expect(Object.keys(packages).sort()).toEqual(files.sort());
    expect(packages['main.js']).toEqual(['commander']); // the rest is loaded by the command that needs it
    const all = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    // import.meta.url only as the base of a module's own compiled file (and in the require banner)
    const uses = all.match(/\bimport\.meta\.url\b/g)?.length ?? 0;
    const own = [...all.matchAll(/new URL\("\.\.\/([\w./-]+\.js)", import\.meta\.url\)/g)];
    expect(uses).toBe(own.length + files.length); // + the banner of each file
    for (const m of own) expect(existsSync(join(out, m[1])), m[1]).toBe(true);
    expect(all).toContain('new URL("../instruments/registry.js", import.meta.url)');
    const { main } = (await import(pathToFileURL(join(dir, 'main.js')).href)) as { main: (argv: string[]) => Promise<number> };
    expect(typeof main).toBe('function');
  });

  it('bundled code computes what the package computes', async () => {
    const v = (name: string) => import(pathToFileURL(join(out, '_vendor', name)).href);
    const aq = await v('arquero.js');
    const t = aq.table({ arm: ['a', 'b', 'a'], y: [1, 2, 5] }).groupby('arm').rollup({ m: 'd => op.mean(d.y)' }).orderby('arm');
    expect(t.objects()).toEqual([{ arm: 'a', m: 3 }, { arm: 'b', m: 2 }]);
    const tq = (await v('stdlib__stats-base-dists-t-quantile.js')).default as (p: number, df: number) => number;
    const orig = (await import('@stdlib/stats-base-dists-t-quantile')).default as (p: number, df: number) => number;
    expect(tq(0.975, 7)).toBe(orig(0.975, 7));
    const { z } = await v('zod.js');
    const bad = z.object({ n: z.number().int() }).safeParse({ n: 1.5 });
    expect(bad.success).toBe(false);
    // zod's English messages (registered when the first schema is built, not through an export)
    const oz = (await import('zod')).z;
    expect(bad.error.issues[0].message).toBe(oz.object({ n: oz.number().int() }).safeParse({ n: 1.5 }).error?.issues[0].message);
    expect(bad.error.issues[0].message).toMatch(/^Invalid input: expected int, received number$/);
  });

  it('the compiled chart worker draws the same SVG bytes as vega on this thread, in order, and reports a bad spec', async () => {
    const { renderSvgAsync } = (await import(pathToFileURL(join(out, 'report/render/svg-async.js')).href)) as typeof import('../../src/report/render/svg-async.ts');
    const { renderSvgWithWarnings } = await import('../../src/report/render/svg.ts');
    const specs = [3, 1, 2].map((k) => ({
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      data: { values: [{ a: 'æ', b: k }, { a: 'ø & <å>', b: 2 * k }] },
      mark: 'bar',
      encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } },
    })) as unknown as Parameters<typeof renderSvgWithWarnings>[0][];
    const drawn = await Promise.all(specs.map((spec) => renderSvgAsync(spec)));
    for (const [i, spec] of specs.entries()) expect(drawn[i]).toEqual(await renderSvgWithWarnings(spec));
    await expect(renderSvgAsync({ mark: 'bar', data: { values: [] }, transform: [{ calculate: '(((', as: 'x' }] } as never)).rejects.toThrow(/chart drawing failed/);
  }, 120_000);

  it('the compiled chart worker: a chart drawn ahead is taken by its request (same bytes); stopping the worker ends the process with drawings owed', async () => {
    const svg = (await import(pathToFileURL(join(out, 'report/render/svg-async.js')).href)) as typeof import('../../src/report/render/svg-async.ts');
    const { renderSvgWithWarnings } = await import('../../src/report/render/svg.ts');
    const spec = (t: string) => ({ title: t, data: { values: [{ a: 'æ', b: 1 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } } }) as unknown as Parameters<typeof renderSvgWithWarnings>[0];
    expect(svg.chartWorkerRunning()).toBe(true);
    const before = svg.prewarmedSvgStats();
    const ahead = svg.prewarmSvg(spec('x'));
    const asked = svg.renderSvgAsync(spec('x'));
    expect(await asked).toBe(await ahead);
    expect(await asked).toEqual(await renderSvgWithWarnings(spec('x')));
    expect(svg.prewarmedSvgStats().hits - before.hits).toBe(1);
    svg.clearPrewarmedSvgs();
    // Lower ranks first: a chart asked for (rank 0) is drawn before a later report's charts drawn ahead (rank 1).
    const done: string[] = [];
    const later = ['a', 'b', 'c', 'd'].map((t) => svg.prewarmSvg(spec(t), 1).then(() => done.push(t)));
    const now = svg.renderSvgAsync(spec('now')).then(() => done.push('now'));
    await Promise.all([...later, now]);
    expect(done.indexOf('now')).toBeLessThan(2); // at most the one being drawn when it arrived went first
    svg.clearPrewarmedSvgs();
    // effekt run stops the workers when a stage fails after the charts were handed over: drawings
    // no report will use must not keep the failed command alive.
    const script = join(scratch, 'stop-owed.mjs');
    writeFileSync(script, `const svg = await import(${JSON.stringify(pathToFileURL(join(out, 'report/render/svg-async.js')).href)});\nconst spec = ${JSON.stringify(spec('y'))};\nconst owed = [];\nfor (let i = 0; i < 400; i++) owed.push(svg.prewarmSvg({ ...spec, title: String(i) }));\nawait svg.stopSvgWorker();\nconst settled = await Promise.allSettled(owed);\nconsole.log(svg.chartWorkerRunning(), settled.filter((s) => s.status === 'rejected' && /stopped/.test(s.reason.message)).length > 0);\n`);
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('false true'); // the drawings owed were dropped, not drawn
  }, 120_000);

  it('a compiled worker started ahead of its first job and never given one does not hold the process open', () => {
    // `effekt run` starts the chart and PNG workers before it validates; a bad input then ends
    // the command without any job. The process must end by itself (it hung before the fix).
    // The chart worker stands for both (the PNG worker is the same JobWorker; png.js would need
    // node_modules beside this scratch build).
    // (A script file: run with -e, the same code ended even before the fix.)
    const script = join(scratch, 'preload-only.mjs');
    writeFileSync(script, `const svg = await import(${JSON.stringify(pathToFileURL(join(out, 'report/render/svg-async.js')).href)});\nsvg.preloadSvgWorker();\n`);
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.signal).toBeNull(); // not ended by the timeout
    expect(r.status).toBe(0);
  }, 120_000);

  // scripts/build-fonts.mjs: written when Debian's DejaVu files and subset-font are there.
  it.skipIf(!existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'))('draws PNGs with the DejaVu subsets byte-identically to the full files, and uses the full files for other text', async () => {
    expect(existsSync(join(out, 'report/render/fonts/subset.json'))).toBe(true);
    const built = (await import(pathToFileURL(join(out, 'report/render/png.js')).href)) as typeof import('../../src/report/render/png.ts');
    const fromSources = await import('../../src/report/render/png.ts'); // no subsets next to the sources: the full files
    const text = (s: string, weight = 'normal') => `<text x="4" y="30" font-family="DejaVu Sans" font-size="13" font-weight="${weight}">${s}</text>`;
    const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="420" height="48"><rect width="420" height="48" fill="#fff"/>${body}</svg>`;
    const samples = [
      text('Forskel 5,1 (95 %-KI 2,9 til 7,3); p &lt; 0,001 — æøå ÆØÅ é ü'),
      text('−2,0 ≤ δ ≥ 1.5 · 9.694 kr. € ± × ← favours SAU | favours PEER →', 'bold'),
      text('Kommunens nettoresultat &#8211; mio. kr. &#x2212;3 “citat” … ‰ №'),
    ];
    for (const body of samples) {
      const s = svg(body);
      expect(built.fontsFor(s)?.fontFiles?.[0]).toMatch(/subset\.ttf$/);
      expect(Buffer.from(built.renderPng(s)).equals(Buffer.from(fromSources.renderPng(s))), body).toBe(true);
    }
    for (const other of [text('日本語 ア'), text('emoji &#x1F600;'), text('Cyrillic Ж')]) {
      expect(built.fontsFor(svg(other))?.fontFiles?.[0]).toMatch(/DejaVuSans\.ttf$/);
    }
  }, 120_000);

  // The PNG worker draws one job per turn of its event loop, with a minor collection after each (so
  // resvg's memory is reused), and resvg's allocator options are set before it loads (png.ts).
  it('the compiled PNG worker draws a burst of PNGs in order with this thread\'s bytes; resvg\'s allocator options are set, a user\'s own kept', async () => {
    const saved = [process.env.MIMALLOC_PURGE_DELAY, process.env.MIMALLOC_ALLOW_LARGE_OS_PAGES] as const;
    delete process.env.MIMALLOC_PURGE_DELAY;
    process.env.MIMALLOC_ALLOW_LARGE_OS_PAGES = '0'; // the user's
    const built = (await import(pathToFileURL(join(out, 'report/render/png.js')).href)) as typeof import('../../src/report/render/png.ts');
    try {
      const colours = ['#3366cc', '#dc3912', '#ff9900', '#109618', '#990099', '#0099c6'];
      const svgs = colours.flatMap((c, i) => [0, 1].map((k) => `<svg xmlns="http://www.w3.org/2000/svg" width="${60 + 10 * i}" height="${30 + 5 * k}"><rect width="40" height="20" fill="${c}"/><circle cx="20" cy="10" r="${4 + k}" fill="#fff"/></svg>`));
      const pngs = await Promise.all(svgs.map((s) => built.renderPngAsync(s)));
      expect(process.env.MIMALLOC_PURGE_DELAY).toBe('-1');
      expect(process.env.MIMALLOC_ALLOW_LARGE_OS_PAGES).toBe('0');
      svgs.forEach((s, i) => expect(Buffer.from(pngs[i]).equals(Buffer.from(built.renderPng(s))), `PNG ${i}`).toBe(true));
    } finally {
      await built.stopPngWorker();
      const restore = (name: string, v: string | undefined) => (v === undefined ? delete process.env[name] : (process.env[name] = v));
      restore('MIMALLOC_PURGE_DELAY', saved[0]);
      restore('MIMALLOC_ALLOW_LARGE_OS_PAGES', saved[1]);
    }
  }, 120_000);
});
