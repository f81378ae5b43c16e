/**
 * Output folders that are wholly old or wholly new. Every command that writes a folder
 * (analyze, economics, report, …) goes through `writeOutputFolder`:
 *
 *   1. checks first: `--out` is not a file, is not one of the command's inputs and does not
 *      contain one, and is not the working folder (or above it);
 *   2. recovers from an earlier run that was killed (see below);
 *   3. builds the whole output in a fresh folder beside `--out` (`.<name>.effekt-new-<pid>-<rand>`,
 *      same disk, so renames are atomic), including the manifest `.effekt-output.json` that lists
 *      every file effekt wrote;
 *   4. hard-links into it every file of the old folder that effekt did not write (a logo, notes,
 *      the user's own PDF), so nothing of the user's is lost — a new output file with the same
 *      name as one of those is refused, never written over;
 *   5. swaps with two renames (old → `.<name>.effekt-old-…`, new → `<name>`) and deletes the old one.
 *
 * Policy on files effekt did not write: the manifest of the previous run says which files are
 * effekt's; only those are replaced or removed. A folder without a manifest is the user's: effekt
 * adds its files beside what is there and refuses when one of its names is taken — unless the
 * command recognises the folder as its own output from before manifests existed (`legacy`).
 *
 * Crash safety: the folder is never written in place. A crash or `kill -9` before step 5 leaves
 * the old folder untouched (plus a temporary folder, removed by the next run once its process
 * is gone); between the two renames of step 5 `<name>` is briefly absent and the next run (or
 * `recoverOutputFolder`) renames the backup back. Signals (SIGINT, SIGTERM, SIGHUP) and every
 * error remove the temporary folder. A full disk is an OutputError naming the folder (exit 2).
 */
import { closeSync, existsSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, writeSync, copyFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { cleanupOnExit } from './exit-guard.ts';
import { singleLine } from './visible.ts';

/** One file of an output folder: a path relative to the folder ('/' separated) and its bytes. */
export interface OutputFile {
  readonly name: string;
  readonly content: string | Uint8Array;
}

/** The manifest effekt writes into every output folder: which files are effekt's. */
export const MANIFEST_NAME = '.effekt-output.json';

export interface LegacyOutput {
  /** True when `dir` (which has no manifest) is this command's output from an effekt without manifests. */
  readonly recognise: (dir: string) => boolean;
  /** Which relative paths of such a folder effekt wrote (they may be replaced; nothing else is touched). */
  readonly owns: (name: string) => boolean;
}

export interface OutputFolderOptions {
  /** The command, recorded in the manifest and named in messages, e.g. "analyze". */
  readonly command: string;
  /** Files and folders the command reads: the output may not be one of them or contain one. */
  readonly inputs?: readonly string[];
  /** The option that named the folder, for messages (default "--out"). */
  readonly option?: string;
  /** How to recognise this command's output written before manifests existed. */
  readonly legacy?: LegacyOutput;
}

/** What the build step gets: the private folder and a writer for relative paths. */
export interface OutputStage {
  /** Absolute path of the temporary folder (e.g. to print a PDF from a page written there). */
  readonly dir: string;
  /** Writes one file (creating its folders); names are relative and may not leave the folder. */
  write(name: string, content: string | Uint8Array): void;
}

export interface WrittenOutput {
  /** The output folder as given. */
  readonly dir: string;
  /** Relative paths of the files effekt wrote, in writing order (the manifest not included). */
  readonly files: readonly string[];
  /** Files of the user's kept from the previous folder. */
  readonly kept: readonly string[];
}

/** A problem with the output location: a user-facing message with the fix (the CLI exits 2). */
export class OutputError extends Error {
  readonly fix: string;
  readonly code: string | null;
  constructor(message: string, fix: string, code: string | null = null) {
    super(message);
    this.name = 'OutputError';
    this.fix = fix;
    this.code = code;
  }

  userMessage(): string {
    // One line: a path or a file name found in the folder may hold a line break.
    return singleLine(`effekt: ${this.message}. Fix: ${this.fix}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Checks

/** The real path of `p`, or of its nearest existing ancestor with the rest appended. */
function realish(p: string): string {
  const abs = resolve(p);
  let head = abs;
  const tail: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(head), ...tail.reverse());
    } catch {
      const up = dirname(head);
      if (up === head) return abs;
      tail.push(basename(head));
      head = up;
    }
  }
}

function isWithin(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Refuses an output location that would overwrite an input, the working folder, a file, or `/`. */
export function checkOutputLocation(out: string, options: OutputFolderOptions, kind: 'folder' | 'file' = 'folder'): void {
  const opt = options.option ?? '--out';
  if (out.trim() === '') throw new OutputError(`${opt} is empty`, `give ${kind === 'folder' ? 'a folder' : 'a file'} to write, e.g. ${opt} ${kind === 'folder' ? 'out' : 'out.csv'}`);
  const target = realish(out);
  for (const input of options.inputs ?? []) {
    if (!input) continue;
    const src = realish(input);
    if (target === src) throw new OutputError(`${opt} ${out} is the input ${input}: writing there would destroy it`, `write to another ${kind}, e.g. ${opt} ${kind === 'folder' ? `${out}-out` : `${out}.new.csv`}`);
    if (kind === 'folder' && isWithin(src, target)) throw new OutputError(`${opt} ${out} contains the input ${input}: effekt does not write into a folder holding its own inputs`, `write to a folder of its own, e.g. ${opt} ${join(out, `${options.command}-out`)}`);
  }
  if (kind === 'folder') {
    if (dirname(target) === target) throw new OutputError(`${opt} ${out} is the root of the file system`, `give a folder of its own, e.g. ${opt} ./${options.command}-out`);
    if (isWithin(realish(process.cwd()), target)) throw new OutputError(`${opt} ${out} is the working folder (or holds it): effekt replaces the whole output folder when it writes`, `give a folder of its own, e.g. ${opt} ${options.command}-out`);
  }
  let st: ReturnType<typeof statSync> | null = null;
  try {
    st = statSync(out);
  } catch {
    st = null;
  }
  if (st && kind === 'folder' && !st.isDirectory()) throw new OutputError(`${opt} ${out} is an existing file, not a folder`, `give a folder for the output (it is created if missing), e.g. ${opt} ${out}-out, or move the file away`);
  if (st && kind === 'file' && st.isDirectory()) throw new OutputError(`${opt} ${out} is a folder, not a file`, `give the file to write, e.g. ${opt} ${join(out, 'twin.csv')}`);
  // A parent that is a file: mkdir would fail with ENOTDIR deep inside.
  let up = dirname(resolve(out));
  while (!existsSync(up)) up = dirname(up);
  if (!statSync(up).isDirectory()) throw new OutputError(`${opt} ${out} lies under ${up}, which is a file, not a folder`, `give a path whose parent folders are folders, e.g. ${opt} ${join(dirname(up), kind === 'folder' ? `${options.command}-out` : 'out.csv')}`);
}

// ---------------------------------------------------------------------------------------------
// Temporary and backup folders beside the output, and recovery after a crash

const TAG = /^\.(.+)\.effekt-(new|old)-(\d+)-[0-9a-f]+$/;

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Puts an output folder back in order after a run that was killed: a backup left between the two
 * renames goes back to `<out>` when `<out>` is missing, and temporary folders whose process is
 * gone are removed. Refuses when another live effekt process is writing the same folder.
 */
export function recoverOutputFolder(out: string, option = '--out'): void {
  const abs = resolve(out);
  const parent = dirname(abs);
  const name = basename(abs);
  if (!existsSync(parent)) return;
  const leftovers = readdirSync(parent)
    .map((f) => ({ f, m: TAG.exec(f) }))
    .filter((x): x is { f: string; m: RegExpExecArray } => x.m !== null && x.m[1] === name);
  for (const { f, m } of leftovers) {
    const pid = Number(m[3]);
    if (pid !== process.pid && processAlive(pid)) {
      throw new OutputError(`another effekt process (pid ${pid}) is writing ${option} ${out} right now`, 'wait for it to finish, or write to another folder');
    }
  }
  // Old first: a missing <out> takes the newest backup back (there is at most one in practice).
  for (const { f } of leftovers.filter((x) => x.m[2] === 'old')) {
    const p = join(parent, f);
    if (!existsSync(abs)) renameSync(p, abs);
    else rmSync(p, { recursive: true, force: true });
  }
  for (const { f } of leftovers.filter((x) => x.m[2] === 'new')) rmSync(join(parent, f), { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// What the previous folder holds

interface Previous {
  /** Relative paths of files (and symlinks) in the old folder. */
  readonly entries: readonly string[];
  /** Whether a path was written by effekt (may be replaced or removed). */
  readonly ours: (name: string) => boolean;
  /** For a legacy folder: effekt's files are replaced when rewritten but never removed. */
  readonly legacy: boolean;
}

function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) {
      const inner = listFiles(join(dir, e.name), rel);
      out.push(...(inner.length ? inner : [`${rel}/`]));
    } else out.push(rel);
  }
  return out;
}

function readManifest(dir: string): Set<string> | null {
  const p = join(dir, MANIFEST_NAME);
  if (!existsSync(p)) return null;
  try {
    const m = JSON.parse(readFileSync(p, 'utf8')) as { writtenBy?: unknown; files?: unknown };
    if (m.writtenBy === 'effekt' && Array.isArray(m.files) && m.files.every((f) => typeof f === 'string')) return new Set(m.files as string[]);
  } catch {
    // An unreadable manifest protects nothing: every file is treated as the user's.
  }
  return null;
}

function previousFolder(out: string, options: OutputFolderOptions): Previous | null {
  if (!existsSync(out)) return null;
  const entries = listFiles(out);
  const manifest = readManifest(out);
  if (manifest) return { entries, ours: (n) => n === MANIFEST_NAME || manifest.has(n), legacy: false };
  const legacy = options.legacy && options.legacy.recognise(out) ? options.legacy : null;
  return { entries, ours: (n) => n === MANIFEST_NAME || (legacy !== null && legacy.owns(n)), legacy: legacy !== null };
}

// ---------------------------------------------------------------------------------------------
// Errors of the file system → OutputError

const DISK_CODES: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'a file grew beyond the size allowed',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'a folder stands where a file was expected',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many files are open',
  EIO: 'an input/output error occurred',
};

function asOutputError(e: unknown, out: string, option: string, what: string): unknown {
  if (e instanceof OutputError) return e;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string' || !(code in DISK_CODES)) return e;
  const fix = code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG' ? `free space on that disk, or give ${option} a folder on another disk` : `check the permissions of ${dirname(resolve(out))}, or give ${option} a folder you can write`;
  return new OutputError(`${DISK_CODES[code]} (${code}) while ${what} ${option} ${out}; nothing was changed there`, fix, code);
}

// ---------------------------------------------------------------------------------------------
// Test hook: a full disk and kill -9 at chosen points, for the adversarial corpus (no effect unless set).

function faultAt(point: 'write' | 'before-swap' | 'between-renames', index = 0): void {
  const spec = process.env.EFFEKT_FAULT;
  if (!spec) return;
  const [kind, where, n] = spec.split(':');
  if (kind === 'enospc' && point === 'write' && index === Number(where ?? '0')) {
    throw Object.assign(new Error('ENOSPC: no space left on device, write (injected by EFFEKT_FAULT)'), { code: 'ENOSPC' });
  }
  if (kind === 'kill' && where === point && (n === undefined || index === Number(n))) process.kill(process.pid, 'SIGKILL');
}

// ---------------------------------------------------------------------------------------------
// Writing

function safeRelative(name: string): string {
  const parts = name.split('/');
  if (name === '' || isAbsolute(name) || parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\') || p.includes('\0'))) {
    throw new Error(`output file name "${name}" is not a plain relative path`);
  }
  return parts.join(sep);
}

/** A file's content, or a function that writes it piece by piece (a file too large to hold). */
export type FileContent = string | Uint8Array | ((write: (bytes: Uint8Array) => void) => void);

/** Writes a new file; with `durable`, also waits until it is on the disk (fsync). */
function writeNew(path: string, content: FileContent, durable: boolean): void {
  const fd = openSync(path, 'wx');
  try {
    const put = (bytes: Uint8Array) => {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    };
    if (typeof content === 'function') content(put);
    else put(typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    if (durable) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeDurable(path: string, content: FileContent): void {
  writeNew(path, content, true);
}

/**
 * fsyncs files written by writeNew(…, false), all at once on libuv's threads. An fsync waits for
 * the disk (10–17 ms each on the development machine's ext4), and a report folder has ~40 files:
 * one after another on the main thread they cost ≈ 1.5 s of `effekt run`'s wall time; issued
 * together the file system commits them in a few journal transactions, and the main thread
 * keeps working meanwhile. Every file is still on the disk before the folder is swapped in.
 */
async function syncFiles(paths: ReadonlyArray<readonly [name: string, path: string]>, onError: (e: unknown, name: string) => unknown): Promise<void> {
  const results = await Promise.allSettled(
    paths.map(async ([name, path]) => {
      try {
        const handle = await open(path, 'r');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
      } catch (e) {
        throw onError(e, name);
      }
    }),
  );
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Links (or, across devices, copies) one of the user's files into the new folder. */
function keepEntry(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  if (from.endsWith(sep)) return void mkdirSync(to, { recursive: true });
  const st = lstatSync(from);
  if (st.isSymbolicLink()) return void symlinkSync(readlinkSync(from), to);
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/**
 * Builds an output folder privately and swaps it in (see the top of this file). `build` writes
 * the files through the stage; nothing appears at `out` unless it returns without throwing.
 */
export async function writeOutputFolder(out: string, build: (stage: OutputStage) => void | Promise<void>, options: OutputFolderOptions): Promise<WrittenOutput> {
  const option = options.option ?? '--out';
  checkOutputLocation(out, options, 'folder');
  const abs = resolve(out);
  recoverOutputFolder(out, option);
  const parent = dirname(abs);
  const name = basename(abs);
  const stamp = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temp = join(parent, `.${name}.effekt-new-${stamp}`);
  const backup = join(parent, `.${name}.effekt-old-${stamp}`);
  let done = false;
  const cleanup = () => {
    if (!done) rmSync(temp, { recursive: true, force: true });
  };
  const release = cleanupOnExit(cleanup);
  const files: string[] = [];
  const kept: string[] = [];
  try {
    try {
      mkdirSync(parent, { recursive: true });
      mkdirSync(temp);
    } catch (e) {
      throw asOutputError(e, out, option, 'creating the folder for');
    }
    const stage: OutputStage = {
      dir: temp,
      write(fileName, content) {
        const rel = safeRelative(fileName);
        if (fileName === MANIFEST_NAME) throw new Error(`${MANIFEST_NAME} is written by the output folder itself`);
        if (files.includes(fileName)) throw new Error(`output file ${fileName} written twice`);
        try {
          faultAt('write', files.length);
          mkdirSync(dirname(join(temp, rel)), { recursive: true });
          writeNew(join(temp, rel), content, false); // fsynced with the others before the swap (syncFiles)
        } catch (e) {
          throw asOutputError(e, out, option, `writing ${fileName} for`);
        }
        files.push(fileName);
      },
    };
    await build(stage);
    const prev = previousFolder(abs, options);
    const newSet = new Set(files);
    const newDirs = new Set(files.flatMap((f) => f.split('/').slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join('/'))));
    if (prev) {
      for (const e of prev.entries) {
        const clean = e.replace(/\/$/, '');
        const mine = prev.ours(clean);
        if (newSet.has(clean)) {
          if (!mine) throw new OutputError(`${option} ${out} already holds ${clean}, which effekt did not write (it is not in ${MANIFEST_NAME}); effekt never writes over files it did not write`, `move ${join(out, clean)} away, or give ${option} another folder`);
          continue;
        }
        if (newDirs.has(clean) && !e.endsWith('/')) throw new OutputError(`${option} ${out} holds a file ${clean} where effekt writes the folder ${clean}/`, `move ${join(out, clean)} away, or give ${option} another folder`);
        // effekt's file from the previous run, not written this time, goes with the old folder; in a
        // legacy folder (no manifest) it is kept, since it cannot be told from the user's with certainty.
        if (mine && !prev.legacy) continue;
        const parts = clean.split('/');
        const clash = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/')).find((p) => newSet.has(p));
        if (clash) throw new OutputError(`${option} ${out} holds the folder ${clash}/ where effekt writes the file ${clash}`, `move ${join(out, clash)} away, or give ${option} another folder`);
        try {
          keepEntry(join(abs, ...parts) + (e.endsWith('/') ? sep : ''), join(temp, ...parts));
        } catch (err) {
          throw asOutputError(err, out, option, `keeping ${clean} (not written by effekt) in`);
        }
        if (!mine) kept.push(clean);
      }
    }
    const legacyKept = prev?.legacy ? prev.entries.map((e) => e.replace(/\/$/, '')).filter((e) => prev.ours(e) && !newSet.has(e) && e !== MANIFEST_NAME) : [];
    const manifest = { writtenBy: 'effekt', command: options.command, files: [...files, ...legacyKept].sort() };
    try {
      faultAt('write', files.length);
      writeNew(join(temp, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`, false);
    } catch (e) {
      throw asOutputError(e, out, option, `writing ${MANIFEST_NAME} for`);
    }
    await syncFiles([...files, MANIFEST_NAME].map((f) => [f, join(temp, safeRelative(f))] as const), (e, f) => asOutputError(e, out, option, `writing ${f} for`));
    faultAt('before-swap');
    // The swap: synchronous, so no signal handler can run in between.
    try {
      if (existsSync(abs)) {
        renameSync(abs, backup);
        faultAt('between-renames');
        try {
          renameSync(temp, abs);
        } catch (e) {
          renameSync(backup, abs);
          throw e;
        }
      } else renameSync(temp, abs);
    } catch (e) {
      throw asOutputError(e, out, option, 'replacing');
    }
    done = true;
    rmSync(backup, { recursive: true, force: true });
    return { dir: out, files, kept };
  } finally {
    cleanup();
    release();
  }
}

/** `writeOutputFolder` for files already in memory. */
export async function writeOutputFiles(out: string, files: readonly OutputFile[], options: OutputFolderOptions): Promise<WrittenOutput> {
  return writeOutputFolder(out, (stage) => {
    for (const f of files) stage.write(f.name, f.content);
  }, options);
}

export interface OutputFileOptions {
  readonly command: string;
  readonly inputs?: readonly string[];
  readonly option?: string;
  /** Replace an existing file (default false: an existing file is refused, it may be the user's data). */
  readonly replace?: boolean;
}

/**
 * One file, all or nothing: written beside its target under a temporary name and renamed over
 * it. An existing file is only replaced with `replace` (e.g. `--force`): it may be real data.
 */
export function writeOutputFile(path: string, content: FileContent, options: OutputFileOptions): void {
  const option = options.option ?? '--out';
  checkOutputLocation(path, { command: options.command, inputs: options.inputs, option }, 'file');
  if (existsSync(path) && !options.replace) throw new OutputError(`${option} ${path} already exists; effekt does not write over a file it may not have written`, `give a new file name, or add --force to replace it`);
  const abs = resolve(path);
  const temp = join(dirname(abs), `.${basename(abs)}.effekt-new-${process.pid}-${randomBytes(4).toString('hex')}`);
  let done = false;
  const release = cleanupOnExit(() => {
    if (!done) rmSync(temp, { force: true });
  });
  try {
    mkdirSync(dirname(abs), { recursive: true });
    faultAt('write', 0);
    writeDurable(temp, content);
    faultAt('before-swap');
    renameSync(temp, abs);
    done = true;
  } catch (e) {
    throw asOutputError(e, path, option, 'writing');
  } finally {
    if (!done) rmSync(temp, { force: true });
    release();
  }
}
