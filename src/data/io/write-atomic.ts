/**
 * @deprecated Use src/data/io/output-folder.ts (writeOutputFolder / writeOutputFiles /
 * writeOutputFile): it swaps whole folders, refuses inputs, keeps the user's files and cleans
 * up on signals. Kept only until every caller has moved; nothing in src/ uses it.
 *
 * All-or-nothing output: files are written under temporary names in the target folder and
 * renamed into place only when every one of them was written, so a failure never leaves a
 * half-written result behind.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { OutputFile } from './output-folder.ts';

export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  writeFilesAtomic(dirname(path), [{ name: path.slice(dirname(path).length + 1), content }]);
}

export function writeFilesAtomic(dir: string, files: readonly OutputFile[]): void {
  const stamp = `.effekt-tmp-${process.pid}-${Date.now()}`;
  const written: Array<{ tmp: string; final: string }> = [];
  try {
    for (const f of files) {
      const final = join(dir, f.name);
      mkdirSync(dirname(final), { recursive: true });
      const tmp = `${final}${stamp}`;
      writeFileSync(tmp, f.content);
      written.push({ tmp, final });
    }
  } catch (err) {
    for (const w of written) rmSync(w.tmp, { force: true });
    throw err;
  }
  for (const w of written) renameSync(w.tmp, w.final);
}
