import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, '..', '..');

/** Reads a JSON fixture written by an R script under test/reference/. */
export function readFixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(join(repoRoot, 'test', 'reference', name), 'utf8')) as T;
}
