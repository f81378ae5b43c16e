/**
 * A register panel declared in the spec becomes participant rows (src/data/derive/attach.ts):
 * the derived columns per participant, the participant's own columns from its first row, and
 * every inconsistency an error naming file, row and column — never a silently dropped row.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSpec } from '../../../src/data/spec/load.ts';
import { readDataFile } from '../../../src/data/load/read-file.ts';
import { DataValidationError } from '../../../src/data/problems.ts';

const dir = mkdtempSync(join(tmpdir(), 'effekt-panel-'));

function spec(extra: Record<string, unknown> = {}, panel: Record<string, unknown> = {}) {
  return parseSpec(
    {
      trial: { id: 't', title: { da: 't', en: 't' } },
      data: { format: 'long' },
      columns: { id: 'pid', arm: 'arm' },
      arms: [
        { label: 'C', role: 'control', name: { da: 'C', en: 'C' } },
        { label: 'I', role: 'intervention', name: { da: 'I', en: 'I' } },
      ],
      visits: [{ id: 'w3', name: { da: 'uge 3', en: 'week 3' } }],
      registerPanel: {
        columns: { week: 'week', status: 'status' },
        weeks: { first: 0, last: 3 },
        codes: ['B', 'W'],
        derive: [
          { id: 'worked', kind: 'weeks-in', from: 1, to: 3, codes: ['W'], unobserved: 'not-in' },
          { id: 'job', kind: 'time-to-first', codes: ['W'] },
        ],
        ...panel,
      },
      outcomes: [
        { id: 'worked', kind: 'count', role: 'primary', name: { da: 'u', en: 'w' }, columns: { w3: 'worked' }, direction: 'higher-is-better', primaryVisit: 'w3' },
        { id: 'job', kind: 'time-to-event', role: 'secondary', name: { da: 'j', en: 'j' }, time: 'job_weeks', event: { column: 'job_event', event: ['job'], censored: ['censored'] }, direction: 'higher-is-better' },
      ],
      ...extra,
    },
    join(dir, 'spec.json'),
  );
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const panel = ['pid,arm,age,week,status', 'p1,C,30,0,B', 'p1,C,30,1,B', 'p1,C,30,2,W', 'p1,C,30,3,W', 'p2,I,40,0,B', 'p2,I,40,1,W', 'p2,I,40,2,W', 'p2,I,40,3,B'].join('\n');

describe('a register panel in the spec', () => {
  it('collapses the weekly file to participant rows with the derived columns, spread over the visits', async () => {
    const raw = await readDataFile(file('panel.csv', panel), spec());
    expect(raw.header).toEqual(['pid', 'arm', 'age', 'worked', 'job_weeks', 'job_event', '(visit)']);
    expect(raw.rows).toEqual([
      ['p1', 'C', '30', '2', '2', 'job', 'w3'],
      ['p2', 'I', '40', '2', '1', 'job', 'w3'],
    ]);
    // Messages point at each participant's first row in the file.
    expect(raw.rowNumbers).toEqual([2, 6]);
  });

  it('refuses a participant column that changes between weeks, naming the row and column', async () => {
    const bad = panel.replace('p2,I,40,2,W', 'p2,C,40,2,W');
    const err = await readDataFile(file('bad.csv', bad), spec()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataValidationError);
    const p = (err as DataValidationError).problems[0];
    expect([p.row, p.column, p.value]).toEqual([8, 'arm', 'C']);
    expect(p.message).toContain("differs from the participant's first row (row 6");
  });

  it('refuses an undeclared status code with the row and a suggestion', async () => {
    const err = await readDataFile(file('code.csv', panel.replace('p1,C,30,3,W', 'p1,C,30,3,w')), spec()).catch((e: unknown) => e);
    const p = (err as DataValidationError).problems[0];
    expect([p.row, p.column, p.value]).toEqual([5, 'status', 'w']);
  });

  it('refuses a derived column that the file already has', async () => {
    const err = await readDataFile(file('clash.csv', panel.replace('pid,arm,age', 'pid,arm,worked')), spec()).catch((e: unknown) => e);
    expect((err as DataValidationError).problems[0].message).toContain('derives column(s) the file already has: worked');
  });

  it('names a missing week column', async () => {
    const err = await readDataFile(file('noweek.csv', panel), spec({}, { columns: { week: 'uge', status: 'status' } })).catch((e: unknown) => e);
    expect((err as DataValidationError).problems[0].message).toContain('week column "uge" is not in the file');
  });

  it('reads the panel from its own file and joins the derived columns by id', async () => {
    file('registers.csv', panel.replace(/,C,30|,I,40/g, '').replace('pid,arm,age', 'pid'));
    const trial = file('trial.csv', ['pid,arm,visit', 'p1,C,w3', 'p2,I,w3'].join('\n'));
    const s = spec({ columns: { id: 'pid', arm: 'arm', visit: 'visit' } }, { file: 'registers.csv' });
    const raw = await readDataFile(trial, s);
    expect(raw.header).toEqual(['pid', 'arm', 'visit', 'worked', 'job_weeks', 'job_event']);
    expect(raw.rows.map((r) => r.slice(3))).toEqual([['2', '2', 'job'], ['2', '1', 'job']]);
  });

  it('checks the panel declaration with the spec: unknown codes, weeks outside the panel', () => {
    expect(() => spec({}, { derive: [{ id: 'x', kind: 'status-at', week: 9, codes: ['Q'] }] })).toThrow(/week 9 is outside the panel's weeks 0…3/);
  });
});
