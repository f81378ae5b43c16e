/**
 * Progress (issue 14 item 5): on a terminal a status line from the start of each stage, a bar for
 * counted steps and the stage's line at the end; elsewhere one plain line per stage; nothing with
 * --quiet. cli-progress is loaded only when a bar is drawn.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/ui/progress.ts';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = {
    isTTY,
    columns: 60,
    write(c: string | Uint8Array) {
      chunks.push(String(c));
      return true;
    },
    // cli-progress asks a terminal stream for these.
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
    on: () => stream,
    removeListener: () => stream,
  };
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => chunks.join('') };
}

let ci: string | undefined;
beforeEach(() => {
  ci = process.env.CI;
  delete process.env.CI;
});
afterEach(() => {
  if (ci === undefined) delete process.env.CI;
  else process.env.CI = ci;
});

describe('createProgress', () => {
  it('not on a terminal: one plain line per stage, with its steps and detail', () => {
    const s = sink(false);
    const p = createProgress({ stream: s.stream });
    const a = p.stage('validate');
    a.note('reading');
    a.end();
    const b = p.stage('analyze');
    b.update(3, 12);
    b.update(12, 12);
    b.end('40 result rows');
    b.end(); // a second end prints nothing
    expect(s.text()).toMatch(/^effekt: validate done in \d+\.\d\d s\neffekt: analyze 12\/12 done in \d+\.\d\d s \(40 result rows\)\n$/);
  });

  it('--quiet: nothing at all, on a terminal or not', () => {
    for (const tty of [true, false]) {
      const s = sink(tty);
      const st = createProgress({ quiet: true, stream: s.stream }).stage('report');
      st.note('charts');
      st.update(1, 2);
      st.end('da');
      expect(s.text()).toBe('');
    }
  });

  it('on a terminal: a status line at once, its step, erased before the final line', () => {
    const s = sink(true);
    const st = createProgress({ stream: s.stream }).stage('ingest p1.csv');
    expect(s.text()).toBe('\r\u001b[2Keffekt: ingest p1.csv …');
    st.note('writing');
    expect(s.text()).toContain('\r\u001b[2Keffekt: ingest p1.csv — writing …');
    st.end();
    expect(s.text()).toMatch(/\r\u001b\[2Keffekt: ingest p1\.csv done in \d+\.\d\d s\n$/);
  });

  it('on a terminal: a long status is cut to the width, and control characters from data are made visible', () => {
    const s = sink(true);
    const st = createProgress({ stream: s.stream }).stage(`ingest ${'x'.repeat(100)}\u001b[2J.csv`);
    const status = s.text().split('\r\u001b[2K').at(-1)!;
    expect(status.length).toBeLessThanOrEqual(59);
    expect(status.endsWith('…')).toBe(true);
    st.end();
    expect(s.text()).toContain('\\x1B[2J.csv done in');
  });

  it('a file name with a line break stays on its one line (status and final line)', () => {
    for (const tty of [true, false]) {
      const s = sink(tty);
      const st = createProgress({ stream: s.stream }).stage('ingest a\nALL CHECKS PASSED.csv');
      st.note('step\r2');
      st.end('x\ny');
      const lines = s.text().split('\n');
      expect(lines.at(-1)).toBe('');
      expect(lines).toHaveLength(2);
      expect(s.text()).toContain('ingest a\\nALL CHECKS PASSED.csv done in');
      expect(s.text()).toContain('(x\\ny)');
    }
  });

  it('on a terminal with counted steps: a bar replaces the status line', () => {
    const s = sink(true);
    const st = createProgress({ stream: s.stream }).stage('analyze');
    st.update(0, 4);
    st.update(2, 4);
    st.end();
    expect(s.text()).toMatch(/effekt: analyze 2\/4 done in \d+\.\d\d s\n$/);
  });

  it('in CI (CI set) a terminal gets the plain lines', () => {
    process.env.CI = '1';
    const s = sink(true);
    const st = createProgress({ stream: s.stream }).stage('economics');
    st.update(1, 2);
    st.end();
    expect(s.text()).toMatch(/^effekt: economics 1\/2 done in \d+\.\d\d s\n$/);
  });
});
