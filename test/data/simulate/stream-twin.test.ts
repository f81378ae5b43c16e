import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, recipe, type Cohort } from '../../../src/data/simulate/write-twin.ts';
import { streamTwin, streamable } from '../../../src/data/simulate/stream-twin.ts';

/** The streamed file (what `effekt simulate` writes) is generate()'s bytes, for every streamable recipe. */
describe('streamTwin', () => {
  const cases: [Cohort, number | undefined, number | undefined][] = [['peer', undefined, undefined], ['peer', 7, 501], ['kolding', undefined, undefined], ['kolding', 3, 45]];
  it.each(cases)('%s seed %s n %s: byte-identical to generate()', (cohort, seed, n) => {
    const r = recipe(cohort, seed, n);
    expect(streamable(r)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'effekt-stream-'));
    try {
      const parts: Uint8Array[] = [];
      const scratch = join(dir, 'scratch');
      const s = streamTwin(r, (b) => parts.push(Uint8Array.from(b)), scratch);
      expect(existsSync(scratch)).toBe(false);
      const got = Buffer.concat(parts);
      const want = generate(r);
      expect(Buffer.compare(got, Buffer.from(want.bytes))).toBe(0);
      expect(s.written).toBe(want.written);
      expect(s.intervention).toBe(want.trial.participants.filter((p) => p.intervention).length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('the Windows-1252 excerpt is not streamed', () => expect(streamable(recipe('peer-danish-locale'))).toBe(false));
});
