import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec } from '../../../src/data/spec/load.ts';
import { GENERAL_READER_MAX_BYTES, readDataFile } from '../../../src/data/load/read-file.ts';
import { DataValidationError } from '../../../src/data/problems.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const spec = loadSpec(join(root, 'data-samples/peer-trial.spec.json'));

/** The twin with one cell quoted, read by readDataFile (the general reader) itself. */
function quotedTwin(): string {
  const lines = readFileSync(join(root, 'data-samples/peer-trial.csv'), 'utf8').split('\n');
  lines[1] = lines[1].replace(/^([^,]*),([^,]*),/, '$1,"$2",');
  const file = join(mkdtempSync(join(tmpdir(), 'effekt-read-size-')), 'quoted.csv');
  writeFileSync(file, lines.join('\n'));
  return file;
}

describe('the general reader refuses a file too large for it by name', () => {
  it('names the file, its size, the limit and what to do, instead of failing inside V8', async () => {
    const file = quotedTwin();
    const err = await readDataFile(file, spec, { maxBytes: 100_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataValidationError);
    const [p] = (err as DataValidationError).problems;
    expect(p.file).toBe(file);
    expect(p.message).toMatch(/^is 0 MB: files over 0 MB are read only as a plain long CSV/);
    expect(p.fix).toMatch(/validate a part of the file/);
  });

  it('reads the same file under the limit, and the default limit is 256 MB', async () => {
    const raw = await readDataFile(quotedTwin(), spec);
    expect(raw.rows.length).toBe(888);
    expect(GENERAL_READER_MAX_BYTES).toBe(256 * 1024 * 1024);
  });
});
