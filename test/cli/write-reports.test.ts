/**
 * writeReports (src/cli/commands/report-action.ts) tells its caller when the reports' charts are
 * drawn and when their PNGs are done — `effekt run` ends its chart and PNG workers then, so that
 * their teardown does not come after the last file is written.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeReports } from '../../src/cli/commands/report-action.ts';
import type { Lang } from '../../src/analysis/results/types.ts';
import { economicsFile, resultsFile } from '../report/inputs.ts';

const scratch = mkdtempSync(join(tmpdir(), 'effekt-write-reports-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('writeReports', () => {
  it('calls onChartsDrawn.svgs once every language’s charts are drawn, then .pngs once their PNGs are done, before it returns', async () => {
    const events: string[] = [];
    const out = (lang: Lang) => join(scratch, `report-${lang}`);
    const lines = await writeReports({
      results: resultsFile,
      economics: economicsFile,
      langs: ['da', 'en'],
      out,
      date: '2026-11-27',
      pdf: false,
      onChartsDrawn: { svgs: () => events.push('svgs'), pngs: () => events.push('pngs') },
    });
    events.push('returned');
    expect(events).toEqual(['svgs', 'pngs', 'returned']);
    expect(lines).toHaveLength(2);
    for (const lang of ['da', 'en'] as const) expect(readdirSync(join(out(lang), 'charts')).filter((f) => f.endsWith('.png')).length).toBeGreaterThan(0);
  }, 120_000);
});
