import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportedSchemas, schemaText } from '../../scripts/schemas.ts';
import { repoRoot } from '../helpers/fixtures.ts';

describe('exported JSON Schemas are up to date (regenerate with `npm run schemas`)', () => {
  it.each(exportedSchemas.map((s) => [s.file, s] as const))('%s', (file, s) => {
    expect(readFileSync(join(repoRoot, file), 'utf8')).toBe(schemaText(s.schema()));
  });
});
