import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { MANIFEST_NAME, OutputError, recoverOutputFolder, writeOutputFile, writeOutputFiles, writeOutputFolder } from '../../../src/data/io/output-folder.ts';
import { legacyResultsFolder } from '../../../src/analysis/results/write-results.ts';
import { repoRoot } from '../../helpers/fixtures.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'effekt-outdir-'));
const opts = { command: 'test' };
const files = (...names: string[]) => names.map((n) => ({ name: n, content: `new ${n}\n` }));

/** Every path under a folder, '/'-separated and sorted (dot-files included). */
function tree(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tree(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`])).sort();
}

async function caught(p: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e;
  }
  return null;
}

afterEach(() => {
  delete process.env.EFFEKT_FAULT;
});

describe('writeOutputFolder', () => {
  it('creates the folder with the files and a manifest, and leaves no temporary folder', async () => {
    const root = tmp();
    const out = join(root, 'a', 'out');
    const w = await writeOutputFiles(out, files('x.json', 'tables/t.csv'), opts);
    expect(w.files).toEqual(['x.json', 'tables/t.csv']);
    expect(tree(out)).toEqual([MANIFEST_NAME, 'tables/t.csv', 'x.json']);
    expect(JSON.parse(readFileSync(join(out, MANIFEST_NAME), 'utf8'))).toEqual({ writtenBy: 'effekt', command: 'test', files: ['tables/t.csv', 'x.json'] });
    expect(readdirSync(join(root, 'a'))).toEqual(['out']);
  });

  it("replaces effekt's files, drops its stale ones and keeps the user's (a logo, their own PDF)", async () => {
    const out = join(tmp(), 'out');
    await writeOutputFiles(out, files('index.html', 'report.pdf', 'charts/a.svg', 'charts/b.svg'), opts);
    writeFileSync(join(out, 'logo.png'), 'LOGO');
    mkdirSync(join(out, 'notes'));
    writeFileSync(join(out, 'notes', 'n.txt'), 'NOTE');
    writeFileSync(join(out, 'charts', 'mine.svg'), 'MINE');
    const w = await writeOutputFiles(out, files('index.html', 'charts/a.svg'), opts);
    expect(tree(out)).toEqual([MANIFEST_NAME, 'charts/a.svg', 'charts/mine.svg', 'index.html', 'logo.png', 'notes/n.txt']);
    expect(readFileSync(join(out, 'logo.png'), 'utf8')).toBe('LOGO');
    expect(readFileSync(join(out, 'notes', 'n.txt'), 'utf8')).toBe('NOTE');
    expect([...w.kept].sort()).toEqual(['charts/mine.svg', 'logo.png', 'notes/n.txt']);
  });

  it("refuses to write over a file effekt did not write; the old folder stays as it was", async () => {
    const out = join(tmp(), 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'report.pdf'), 'USER PDF');
    const e = await caught(writeOutputFiles(out, files('index.html', 'report.pdf'), opts));
    expect(e).toBeInstanceOf(OutputError);
    expect((e as OutputError).userMessage()).toMatch(/already holds report\.pdf, which effekt did not write.*Fix: move .*report\.pdf away/);
    expect(tree(out)).toEqual(['report.pdf']);
    expect(readdirSync(join(out, '..'))).toEqual(['out']);
  });

  it('adds its files beside those of a folder without a manifest', async () => {
    const out = join(tmp(), 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'readme.txt'), 'hi');
    await writeOutputFiles(out, files('x.json'), opts);
    expect(tree(out)).toEqual([MANIFEST_NAME, 'readme.txt', 'x.json']);
  });

  it('adopts an analysis folder of an effekt without manifests (its own files only)', async () => {
    const out = join(tmp(), 'out');
    mkdirSync(join(out, 'tables'), { recursive: true });
    writeFileSync(join(out, 'results.json'), JSON.stringify({ software: { name: 'effekt' } }));
    writeFileSync(join(out, 'tables', 'old.csv'), 'old');
    writeFileSync(join(out, 'mine.txt'), 'mine');
    await writeOutputFiles(out, files('results.json', 'tables/new.csv'), { command: 'analyze', legacy: legacyResultsFolder });
    expect(tree(out)).toEqual([MANIFEST_NAME, 'mine.txt', 'results.json', 'tables/new.csv', 'tables/old.csv']);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe('new results.json\n');
  });

  it('a build that fails leaves the old folder and no temporary folder', async () => {
    const root = tmp();
    const out = join(root, 'out');
    await writeOutputFiles(out, files('x.json'), opts);
    const e = await caught(writeOutputFolder(out, (s) => {
      s.write('x.json', 'half');
      throw new Error('boom');
    }, opts));
    expect((e as Error).message).toBe('boom');
    expect(readFileSync(join(out, 'x.json'), 'utf8')).toBe('new x.json\n');
    expect(readdirSync(root)).toEqual(['out']);
  });

  it('a full disk is an OutputError (ENOSPC) naming the folder and the fix; nothing changes', async () => {
    const root = tmp();
    const out = join(root, 'out');
    await writeOutputFiles(out, files('x.json'), opts);
    const before = tree(out);
    for (const at of ['0', '1', '2']) {
      process.env.EFFEKT_FAULT = `enospc:${at}`;
      const e = await caught(writeOutputFiles(out, files('x.json', 'y.json'), opts));
      expect(e).toBeInstanceOf(OutputError);
      expect((e as OutputError).code).toBe('ENOSPC');
      expect((e as OutputError).userMessage()).toMatch(/the disk is full \(ENOSPC\) while writing .* --out .*out; nothing was changed there\. Fix: free space/);
      expect(tree(out)).toEqual(before);
      expect(readdirSync(root)).toEqual(['out']);
    }
  });

  it.each([
    ['is the input', (root: string) => ({ out: join(root, 'in'), inputs: [join(root, 'in')] }), /is the input/],
    ['contains the input', (root: string) => ({ out: root, inputs: [join(root, 'in', 'data.csv')] }), /contains the input/],
    ['is an existing file', (root: string) => ({ out: join(root, 'in', 'data.csv'), inputs: [] }), /is an existing file, not a folder/],
    ['lies under a file', (root: string) => ({ out: join(root, 'in', 'data.csv', 'sub'), inputs: [] }), /lies under .*data\.csv, which is a file/],
    ['is the working folder', () => ({ out: '.', inputs: [] }), /is the working folder/],
  ])('refuses an --out that %s', async (_n, make, re) => {
    const root = tmp();
    mkdirSync(join(root, 'in'));
    writeFileSync(join(root, 'in', 'data.csv'), 'a,b\n1,2\n');
    const { out, inputs } = make(root);
    const e = await caught(writeOutputFiles(out, files('results.csv'), { command: 'analyze', inputs }));
    expect(e).toBeInstanceOf(OutputError);
    expect((e as OutputError).userMessage()).toMatch(re);
    expect((e as OutputError).userMessage()).toContain('Fix:');
    expect(readFileSync(join(root, 'in', 'data.csv'), 'utf8')).toBe('a,b\n1,2\n');
  });

  it('refuses when <out>/tables is a file where it writes the folder tables/', async () => {
    const out = join(tmp(), 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'tables'), 'x');
    const e = await caught(writeOutputFiles(out, files('tables/t.csv'), opts));
    expect((e as OutputError).userMessage()).toMatch(/holds a file tables where effekt writes the folder tables\//);
    expect(tree(out)).toEqual(['tables']);
  });
});

/** Runs the helper in a child process that kills itself (SIGKILL) at a chosen point. */
function killedChild(out: string, point: string): void {
  const script = `import { writeOutputFiles } from ${JSON.stringify(join(repoRoot, 'src/data/io/output-folder.ts'))};
await writeOutputFiles(${JSON.stringify(out)}, [{ name: 'x.json', content: 'newer' }, { name: 'y.json', content: 'newer' }], { command: 'test' });`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, env: { ...process.env, EFFEKT_FAULT: `kill:${point}` }, encoding: 'utf8' });
  expect(r.signal).toBe('SIGKILL');
}

describe('crash safety', () => {
  it.each(['write:1', 'before-swap', 'between-renames'])('kill -9 at %s leaves the folder wholly old (after recovery), then a rerun writes it wholly new', async (point) => {
    const root = tmp();
    const out = join(root, 'out');
    await writeOutputFiles(out, [{ name: 'x.json', content: 'old' }], opts);
    killedChild(out, point);
    recoverOutputFolder(out);
    expect(readdirSync(root)).toEqual(['out']);
    expect(tree(out)).toEqual([MANIFEST_NAME, 'x.json']);
    expect(readFileSync(join(out, 'x.json'), 'utf8')).toBe('old');
    await writeOutputFiles(out, files('x.json', 'y.json'), opts);
    expect(tree(out)).toEqual([MANIFEST_NAME, 'x.json', 'y.json']);
    expect(readdirSync(root)).toEqual(['out']);
  });

  it('SIGTERM while building removes the temporary folder', async () => {
    const root = tmp();
    const out = join(root, 'out');
    const script = `import { writeOutputFolder } from ${JSON.stringify(join(repoRoot, 'src/data/io/output-folder.ts'))};
await writeOutputFolder(${JSON.stringify(out)}, async (s) => { s.write('a.txt', 'a'); process.stdout.write('building\\n'); await new Promise((r) => setTimeout(r, 20000)); }, { command: 'test' });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((res) => child.stdout.on('data', () => res()));
    expect(readdirSync(root).some((f) => f.includes('.effekt-new-'))).toBe(true);
    child.kill('SIGTERM');
    const sig = await new Promise((res) => child.on('exit', (_c, s) => res(s)));
    expect(sig).toBe('SIGTERM');
    expect(readdirSync(root)).toEqual([]);
    expect(existsSync(out)).toBe(false);
  }, 30_000);
});

describe('writeOutputFile', () => {
  it('writes a new file, refuses an existing one unless replace, and a folder', async () => {
    const root = tmp();
    const f = join(root, 'twin.csv');
    writeOutputFile(f, 'a', opts);
    expect(readFileSync(f, 'utf8')).toBe('a');
    expect((await caught(() => writeOutputFile(f, 'b', opts)) as OutputError).userMessage()).toMatch(/already exists.*Fix: .*--force/);
    writeOutputFile(f, 'b', { ...opts, replace: true });
    expect(readFileSync(f, 'utf8')).toBe('b');
    expect((await caught(() => writeOutputFile(root, 'c', opts)) as OutputError).userMessage()).toMatch(/is a folder, not a file/);
    expect(readdirSync(root)).toEqual(['twin.csv']);
  });
});
