import { readFileSync } from 'node:fs';

export function readFixtureFile(path: string): string {
  return readFileSync(path, 'utf8');
}
