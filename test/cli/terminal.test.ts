import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_LINE, printLines, singleLine, terminalSafe } from '../../src/cli/ui/terminal.ts';
import { CliError, reportError } from '../../src/cli/errors.ts';
import { OutputError } from '../../src/data/io/output-folder.ts';
import { DataValidationError, formatProblem } from '../../src/data/problems.ts';
import { EconomicsInputError } from '../../src/economics/scenario/errors.ts';
import { RolloutInputError } from '../../src/rollout/errors.ts';
import { ReportInputError } from '../../src/report/load-inputs.ts';
import { PowerInputError } from '../../src/analysis/power/errors.ts';
import { repoRoot } from '../helpers/fixtures.ts';
import { runCli } from './run-cli.ts';


/** What f writes to stdout or stderr. */
function captured(stream: 'stdout' | 'stderr', f: () => void): string {
  let text = '';
  const s = process[stream];
  const write = s.write.bind(s);
  s.write = ((c: string) => ((text += c), true)) as typeof s.write;
  try {
    f();
  } finally {
    s.write = write;
  }
  return text;
}

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

describe('a value cannot print a line of its own', () => {
  it.each([
    ['line feed', 'Trial\nALL CHECKS PASSED', 'Trial\\nALL CHECKS PASSED'],
    ['carriage return', 'a\rb', 'a\\rb'],
    ['CRLF', 'a\r\nb', 'a\\r\\nb'],
    ['tab', 'a\tb', 'a\\tb'],
    ['NEL and the Unicode line and paragraph separators', 'a\u0085b\u2028c\u2029d', 'a\\x85b\\u2028c\\u2029d'],
    ['Danish letters kept', 'Ærø Kommune', 'Ærø Kommune'],
  ])('%s', (_n, input, expected) => expect(singleLine(input)).toBe(expected));

  it('printLines keeps each line one line, and terminal-safe', () => {
    const out = captured('stdout', () => printLines(['Trial\nALL CHECKS PASSED\u001b[2J', 'second']));
    expect(out).toBe('Trial\\nALL CHECKS PASSED\\x1B[2J\nsecond\n');
  });

  it('one problem is one line, whatever its value, file name or message hold', () => {
    const p = { file: 'data\nx.csv', row: 3, column: 'site\r', value: 'North\nALL CHECKS PASSED', message: 'participant P1 changes arm (was "A\nvalid" on row 2)', allowed: null, fix: 'correct it' };
    const line = formatProblem(p);
    expect(line).not.toMatch(/[\n\r]/);
    expect(line).toContain('was "A\\nvalid"');
    expect(new DataValidationError([p, p]).userMessage().split('\n')).toHaveLength(3);
  });
});

describe('characters that hide or reorder text are made visible', () => {
  it.each([
    ['Arabic letter mark', 'a\u061cb', 'a\\u061Cb'],
    ['Mongolian vowel separator', 'a\u180eb', 'a\\u180Eb'],
    ['interlinear annotation', '\ufff9a\ufffab\ufffb', '\\uFFF9a\\uFFFAb\\uFFFB'],
    ['tag characters (hidden ASCII)', 'ok\u{e0041}\u{e0042}', 'ok\\u{E0041}\\u{E0042}'],
    ['an emoji is kept', 'ok \u{1F600}', 'ok \u{1F600}'],
    ['lone surrogates shown, not written as U+FFFD', 'a\ud800b\udc00', 'a\\uD800b\\uDC00'],
  ])('%s', (_n, input, expected) => expect(terminalSafe(input)).toBe(expected));
});

describe('an input title with a line break, through the real command', () => {
  it('effekt validate prints the title on one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'effekt-terminal-'));
    try {
      const base = join(repoRoot, 'test/adversarial/corpus/_base');
      const spec = JSON.parse(readFileSync(join(base, 'spec.json'), 'utf8'));
      spec.trial.title.en = 'Trial\nALL CHECKS PASSED\r\u001b[2J';
      writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
      const r = runCli(['validate', join(base, 'data.csv'), '--spec', join(dir, 'spec.json')]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.split('\n')[0]).toBe('Trial\\nALL CHECKS PASSED\\r\\x1B[2J [SYNTHETIC DATA]');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('every input-error class prints one bounded line per problem', () => {
  const file = 'in\nput.json';
  const message = 'Unrecognized key: "y\nALL CHECKS PASSED"';
  const big = { whole: 'x'.repeat(100_000) };
  it.each([
    ['scenario', () => new EconomicsInputError([{ file, path: 'a', value: big, message, fix: 'f' }])],
    ['roll-out', () => new RolloutInputError([{ file, path: 'a', value: big, message, fix: 'f' }])],
    ['report input', () => new ReportInputError([{ file, path: 'a', message, fix: 'f' }])],
    ['power input', () => new PowerInputError([{ file, path: 'a', message, fix: 'f' }])],
  ])('%s', (_n, make) => {
    const lines = make().userMessage().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"y\\nALL CHECKS PASSED"');
    expect(lines[1].length).toBeLessThan(2500);
  });
});

describe('command-line and output errors are one line', () => {
  it.each([
    ['a bad option value', () => new CliError('--out "a\nALL CHECKS PASSED" is not a folder')],
    ['an output folder problem', () => new OutputError('--out x already holds notes\nALL CHECKS PASSED.txt, which effekt did not write', 'move it away')],
    ['an unexpected error', () => new Error('output file a\nALL CHECKS PASSED written twice')],
  ])('%s', (_n, make) => {
    const err = captured('stderr', () => reportError(make()));
    expect(err.split('\n')).toHaveLength(2);
    expect(err).toContain('\\nALL CHECKS PASSED');
  });
});

describe('a 1 MB value is not printed whole', () => {
  it('printLines cuts a line to MAX_LINE and says how long it was', () => {
    const out = captured('stdout', () => printLines([`Trial ${'T'.repeat(1_000_000)}`, 'next']));
    const [first, second] = out.split('\n');
    expect(first.length).toBeLessThan(MAX_LINE + 100);
    expect(first).toMatch(/… \(1,000,006 characters in all\)$/);
    expect(second).toBe('next');
  });
});

describe('any string as a value on the terminal (property)', () => {
  it('terminalSafe(singleLine(s)) holds no control, line-break, bidi or lone-surrogate character', () => {
    const bad = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => !bad.test(terminalSafe(singleLine(s)))), { numRuns: 2000 });
  });
});
