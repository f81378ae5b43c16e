import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { runCli } from '../cli/run-cli.ts';
import { repoRoot } from '../helpers/fixtures.ts';
import type { EconomicsResult } from '../../src/economics/run.ts';
import type { EconomicsResultShape } from '../../src/economics/result-shape.ts';

// Compile-time: the schema's source type stays in step with the real result type.
const _sameShape = (r: EconomicsResult): EconomicsResultShape => r;
void _sameShape;

const schema = (f: string) => JSON.parse(readFileSync(join(repoRoot, 'schemas', f), 'utf8')) as object;

describe('written outputs validate against the exported schemas', () => {
  it('results.json and economics.json from the twin', () => {
    const out = mkdtempSync(join(tmpdir(), 'effekt-schema-'));
    const s = (f: string) => join(repoRoot, 'data-samples', f);
    expect(runCli(['analyze', s('peer-trial.csv'), '--spec', s('peer-trial.spec.json'), '--out', join(out, 'a')]).code).toBe(0);
    expect(runCli(['economics', '--scenario', s('economics/dsi-base-case.json'), '--results', join(out, 'a'), '--out', join(out, 'e'), '--draws', '500']).code).toBe(0);
    const ajv = new Ajv({ allErrors: true, strict: false });
    for (const [file, sch] of [[join(out, 'a/results.json'), 'results.schema.json'], [join(out, 'e/economics.json'), 'economics.schema.json']] as const) {
      const validate = ajv.compile(schema(sch));
      const ok = validate(JSON.parse(readFileSync(file, 'utf8')));
      expect(ok, JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    }
  });
});
