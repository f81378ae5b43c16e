import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { terminalSafe } from '../../src/cli/ui/terminal.ts';
import { repoRoot } from '../helpers/fixtures.ts';

describe('terminalSafe', () => {
  it.each([
    ['clear screen', 'Aarhus\u001b[2J\u001b[HALL CHECKS PASSED', 'Aarhus\\x1B[2J\\x1B[HALL CHECKS PASSED'],
    ['carriage return overwriting the line', 'x\rALL CHECKS PASSED', 'x\\rALL CHECKS PASSED'],
    ['C1 CSI', 'a\u009b31mb', 'a\\x9B31mb'],
    ['bell and backspace', 'a\u0007\u0008b', 'a\\x07\\x08b'],
    ['bidi override', 'abc\u202Efdp.exe', 'abc\\u202Efdp.exe'],
    ['zero-width space and BOM', 'a\u200Bb\uFEFF', 'a\\u200Bb\\uFEFF'],
    ['newlines, tabs and Danish letters kept', 'Københavns Kommune\tÆrø\nline 2', 'Københavns Kommune\tÆrø\nline 2'],
  ])('%s', (_n, input, expected) => expect(terminalSafe(input)).toBe(expected));
});

/** Every .ts file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('every command prints through the terminal helper', () => {
  it('no file of src/cli writes to stdout/stderr or the console directly', () => {
    const offenders = sources(join(repoRoot, 'src/cli'))
      .filter((f) => !f.endsWith(join('ui', 'terminal.ts')))
      .filter((f) => /process\.(stdout|stderr)\.write\(|console\.(log|error|warn|info)\(/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
