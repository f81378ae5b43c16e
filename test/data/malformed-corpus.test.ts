import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFixtureFile } from './read-fixture-file.ts';
import { loadTrial } from '../../src/instruments/load-trial.ts';
import { DataValidationError } from '../../src/data/problems.ts';
import { repoRoot } from '../helpers/fixtures.ts';

interface Case {
  readonly file: string;
  readonly row: number | null;
  readonly column: string | null;
  readonly contains: string;
}

const dir = join(repoRoot, 'test/data/fixtures/malformed');
const cases = JSON.parse(readFixtureFile(join(dir, 'manifest.json'))) as Case[];
const spec = join(repoRoot, 'data-samples/peer-trial.spec.json');

describe('malformed input files get a clear error naming file, row and column', () => {
  it('the corpus has at least 20 files', () => expect(cases.length).toBeGreaterThanOrEqual(20));

  it.each(cases.map((c) => [c.file, c] as const))('%s', async (_name, c) => {
    const file = join(dir, c.file);
    const err = await loadTrial(file, spec).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DataValidationError);
    const e = err as DataValidationError;
    const msg = e.userMessage();
    expect(msg).toContain(file);
    expect(msg).toContain(c.contains);
    expect(msg).toContain('Fix:');
    const p = e.problems.find((x) => x.message.includes(c.contains) || (x.fix ?? '').includes(c.contains) || msg.includes(c.contains));
    expect(p).toBeDefined();
    if (c.row !== null) {
      expect(e.problems.some((x) => x.row === c.row), `a problem on row ${c.row}`).toBe(true);
      expect(msg).toContain(`row ${c.row}`);
    }
    if (c.column !== null) {
      expect(e.problems.some((x) => x.column === c.column && (c.row === null || x.row === c.row)), `a problem in column ${c.column}`).toBe(true);
      expect(msg).toContain(`column "${c.column}"`);
    }
  });
});
