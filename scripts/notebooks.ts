/**
 * effekt's Jupyter notebooks run on Deno's TypeScript kernel, installed project-locally:
 *
 *   npm run notebooks:kernel        write notebooks/.jupyter/share/jupyter/kernels/deno/kernel.json
 *   npm run notebooks [-- 01 …]     execute the notebooks headless into out/notebooks/ (exit 1 on any cell error)
 *   npm run notebooks -- check      type-check the notebooks' code (the kernel itself does not)
 *   npm run notebooks -- clear      strip outputs from notebooks/*.ipynb (they are committed without outputs)
 *
 * The kernel spec is written by hand (not `deno jupyter --install`, which writes to the home
 * folder) and points at the deno binary in node_modules, so the kernel and the project's
 * TypeScript resolve the same packages. Jupyter finds it through JUPYTER_PATH.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const notebooksDir = join(repoRoot, 'notebooks');
/** Where `kernel` installs the spec: inside the project, ignored by git (notebooks/.gitignore). */
export const localJupyterDir = join(notebooksDir, '.jupyter');
export const KERNEL_NAME = 'deno';

/** The deno executable installed by the `deno` npm package (the binary, not its node wrapper). */
export function denoBinary(root: string = repoRoot): string {
  const exe = process.platform === 'win32' ? 'deno.exe' : 'deno';
  const direct = join(root, 'node_modules', 'deno', exe);
  if (existsSync(direct)) return direct;
  const bin = join(root, 'node_modules', '.bin', exe);
  if (existsSync(bin)) return realpathSync(bin);
  throw new Error(`deno not found in ${join(root, 'node_modules')}: run \`npm ci\` (deno is a devDependency)`);
}

export interface KernelSpec {
  readonly argv: readonly string[];
  readonly display_name: string;
  readonly language: 'typescript';
  readonly env: Readonly<Record<string, string>>;
}

export function kernelSpec(deno: string = denoBinary()): KernelSpec {
  return {
    argv: [deno, 'jupyter', '--kernel', '--conn', '{connection_file}'],
    display_name: 'Deno (effekt)',
    language: 'typescript',
    // Plain text: ANSI colour codes would end up in the saved outputs.
    env: { NO_COLOR: '1' },
  };
}

/** Writes `<dir>/share/jupyter/kernels/deno/kernel.json`; returns the JUPYTER_PATH to use. */
export function installKernelSpec(dir: string = localJupyterDir, deno: string = denoBinary()): string {
  const kernelDir = join(dir, 'share', 'jupyter', 'kernels', KERNEL_NAME);
  mkdirSync(kernelDir, { recursive: true });
  writeFileSync(join(kernelDir, 'kernel.json'), `${JSON.stringify(kernelSpec(deno), null, 2)}\n`);
  return join(dir, 'share', 'jupyter');
}

/** jupyter-nbconvert on this machine (Debian's package first), or null. */
export function findNbconvert(): string | null {
  const candidates = ['/usr/bin/jupyter-nbconvert', ...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, 'jupyter-nbconvert'))];
  return candidates.find((c) => existsSync(c)) ?? null;
}

/** The notebooks in notebooks/, in reading order. */
export function listNotebooks(dir: string = notebooksDir): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort().map((f) => join(dir, f));
}

export interface NotebookOutput {
  readonly output_type: string;
  readonly name?: string;
  readonly text?: string | string[];
  readonly data?: Readonly<Record<string, unknown>>;
  readonly ename?: string;
  readonly evalue?: string;
}

export interface NotebookCell {
  readonly cell_type: 'code' | 'markdown' | 'raw';
  readonly source: string | string[];
  readonly outputs?: NotebookOutput[];
  readonly execution_count?: number | null;
  readonly [key: string]: unknown;
}

export interface Notebook {
  readonly cells: NotebookCell[];
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly nbformat: number;
  readonly nbformat_minor: number;
}

export function readNotebook(file: string): Notebook {
  return JSON.parse(readFileSync(file, 'utf8')) as Notebook;
}

const joinText = (t: string | string[] | undefined): string => (Array.isArray(t) ? t.join('') : (t ?? ''));

/** Every cell error in an executed notebook, as "cell n: Name: message". */
export function cellErrors(nb: Notebook): string[] {
  const errors: string[] = [];
  nb.cells.forEach((c, i) => {
    for (const o of c.outputs ?? []) {
      if (o.output_type === 'error') errors.push(`cell ${i + 1}: ${o.ename ?? 'Error'}: ${o.evalue ?? ''}`);
      if (o.output_type === 'stream' && o.name === 'stderr' && /^(Uncaught|error:)/m.test(joinText(o.text))) errors.push(`cell ${i + 1}: ${joinText(o.text).trim()}`);
    }
  });
  return errors;
}

/** Everything the notebook printed to stdout, in cell order. */
export function stdoutText(nb: Notebook): string {
  return nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'stream' && o.name === 'stdout').map((o) => joinText(o.text)).join('');
}

/** The objects a notebook printed as one-line JSON under `key` (e.g. {"primaryResult": {…}}). */
export function printedJson(nb: Notebook, key: string): unknown[] {
  const found: unknown[] = [];
  for (const line of stdoutText(nb).split('\n')) {
    if (!line.startsWith(`{"${key}":`)) continue;
    found.push((JSON.parse(line) as Record<string, unknown>)[key]);
  }
  return found;
}

export interface ExecuteOptions {
  readonly outDir: string;
  readonly jupyterPath: string;
  readonly timeoutSeconds?: number;
}

/** Runs one notebook headless with nbconvert; resolves to the executed copy in outDir. */
export function executeNotebook(file: string, options: ExecuteOptions): Promise<{ file: string; notebook: Notebook; stderr: string }> {
  const nbconvert = findNbconvert();
  if (!nbconvert) return Promise.reject(new Error('jupyter-nbconvert not found: install it (Debian: apt-get install jupyter-nbconvert jupyter-client python3-ipykernel)'));
  mkdirSync(options.outDir, { recursive: true });
  const runtimeDir = join(options.outDir, '.runtime');
  const args = ['--to', 'notebook', '--execute', '--output-dir', options.outDir, `--ExecutePreprocessor.timeout=${options.timeoutSeconds ?? 300}`, `--ExecutePreprocessor.kernel_name=${KERNEL_NAME}`, file];
  // Connection files go to a throw-away runtime folder, not the home folder.
  const env = { ...process.env, JUPYTER_PATH: options.jupyterPath, JUPYTER_RUNTIME_DIR: runtimeDir, PYDEVD_DISABLE_FILE_VALIDATION: '1', NO_COLOR: '1' };
  return new Promise((done, fail) => {
    execFile(nbconvert, args, { env, maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      const out = join(options.outDir, basename(file));
      if (error) {
        // nbconvert's traceback is Python's; the cell and its error follow "CellExecutionError".
        const at = stderr.indexOf('CellExecutionError:');
        const detail = at >= 0 ? stderr.slice(at) : stderr.trim().split('\n').slice(-3).join('\n');
        fail(new Error(`${basename(file)} failed to execute:\n${detail.trim()}`));
        return;
      }
      done({ file: out, notebook: readNotebook(out), stderr });
    });
  });
}

/** A notebook's code cells as one TypeScript module (cells share one scope in the kernel). */
export function notebookModule(nb: Notebook): string {
  const cells = nb.cells.filter((c) => c.cell_type === 'code').map((c) => joinText(c.source));
  return `${cells.join('\n;\n')}\nexport {};\n`;
}

/**
 * Type-checks the notebooks with `deno check` — Deno's Jupyter kernel runs without type checks, so
 * a renamed field would otherwise print "undefined" silently. The modules are written next to the
 * notebooks (so their relative imports and package.json resolve the same) and removed afterwards.
 */
export function typeCheckNotebooks(files: readonly string[] = listNotebooks()): Promise<{ ok: boolean; output: string }> {
  const modules = files.map((f) => {
    const m = join(dirname(f), `.check-${process.pid}-${basename(f, '.ipynb')}.ts`); // per process: runs may overlap
    writeFileSync(m, notebookModule(readNotebook(f)));
    return m;
  });
  return new Promise((done) => {
    execFile(denoBinary(), ['check', ...modules], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      for (const m of modules) rmSync(m, { force: true });
      done({ ok: !error, output: `${stdout}${stderr}`.replace(/^Check .*\n/gm, '').trim() });
    });
  });
}

/** A notebook with its outputs and execution counts removed, as Jupyter writes it (1-space JSON). */
export function withoutOutputs(nb: Notebook): Notebook {
  const cells = nb.cells.map((c) => (c.cell_type === 'code' ? { ...c, execution_count: null, outputs: [] } : c));
  return { ...nb, cells };
}

export function clearNotebook(file: string): boolean {
  const before = readFileSync(file, 'utf8');
  const after = `${JSON.stringify(withoutOutputs(JSON.parse(before) as Notebook), null, 1)}\n`;
  if (after !== before) writeFileSync(file, after);
  return after !== before;
}

function pick(names: readonly string[]): string[] {
  const all = listNotebooks();
  if (names.length === 0) return all;
  return names.map((n) => {
    const hit = all.find((f) => basename(f) === n || basename(f) === `${n}.ipynb` || basename(f).startsWith(n));
    if (!hit) throw new Error(`no notebook matches "${n}" (have: ${all.map((f) => basename(f)).join(', ')})`);
    return hit;
  });
}

async function main(argv: string[]): Promise<number> {
  const commands = ['kernel', 'clear', 'check', 'run'];
  // `notebooks.ts 01 03` is short for `notebooks.ts run 01 03`.
  const [command, ...rest] = argv.length === 0 || !commands.includes(argv[0]) ? ['run', ...argv] : argv;
  if (command === 'kernel') {
    const jupyterPath = installKernelSpec();
    process.stdout.write(`Deno kernel "${KERNEL_NAME}" installed in ${jupyterPath}\nOpen the notebooks with:\n  JUPYTER_PATH=${jupyterPath} jupyter lab notebooks/\n`);
    return 0;
  }
  if (command === 'check') {
    const { ok, output } = await typeCheckNotebooks(rest.length ? pick(rest) : listNotebooks());
    process.stdout.write(ok ? 'The notebooks type-check.\n' : `${output}\n`);
    return ok ? 0 : 1;
  }
  if (command === 'clear') {
    for (const f of listNotebooks()) process.stdout.write(`${clearNotebook(f) ? 'cleared' : 'clean  '} ${basename(f)}\n`);
    return 0;
  }
  const jupyterPath = installKernelSpec();
  const outDir = join(repoRoot, 'out', 'notebooks');
  let failed = 0;
  for (const file of pick(rest)) {
    const t0 = performance.now();
    try {
      const { file: out, notebook } = await executeNotebook(file, { outDir, jupyterPath });
      const errors = cellErrors(notebook);
      failed += errors.length > 0 ? 1 : 0;
      process.stdout.write(`${errors.length ? '✗' : '✓'} ${basename(file)} → ${out} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n${errors.map((e) => `    ${e}\n`).join('')}`);
    } catch (e) {
      failed += 1;
      process.stdout.write(`✗ ${basename(file)}\n${(e as Error).message}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, (e: unknown) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 1;
  });
}
