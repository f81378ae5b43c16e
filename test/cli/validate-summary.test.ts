/**
 * The validate summary's missingness table (src/cli/commands/validate-action.ts) keeps its columns
 * apart whatever the counts: at a million participants "216228/1000000 (22%)" is wider than the
 * twin's "72/296 (24%)", and the columns used to run together.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTrial } from '../../src/instruments/load-trial.ts';
import { formatSummary } from '../../src/cli/commands/validate-action.ts';
import { repoRoot } from '../helpers/fixtures.ts';

describe('validate summary: missingness table', () => {
  it('separates every column when counts are millions', async () => {
    const trial = await loadTrial(join(repoRoot, 'data-samples/peer-trial.csv'), join(repoRoot, 'data-samples/peer-trial.spec.json'));
    const big = { ...trial, summary: { ...trial.summary, missingness: trial.summary.missingness.map((m) => ({ ...m, missing: m.missing * 3000 + 1, of: 1_000_000 })) } };
    const lines = formatSummary(big);
    const start = lines.indexOf('Missing outcome values per visit (n missing / participants):');
    const table = lines.slice(start + 1, start + 2 + trial.spec.outcomes.length);
    const visits = trial.spec.visits.length;
    // Each data line: the outcome id, then per visit "missing/of" and "(pct%)".
    for (const line of table.slice(1)) expect(line.trim().split(/\s+/)).toHaveLength(1 + 2 * visits);
    expect(table[0].trim().split(/\s+/)).toHaveLength(1 + visits);
    // The twin's own table is unchanged: 14-character columns.
    const own = formatSummary(trial);
    expect(own.find((l) => l.startsWith('  qpr15'))).toBe('  qpr15           0/296 (0%)  53/296 (18%)  72/296 (24%)');
  });
});
