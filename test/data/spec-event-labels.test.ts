/**
 * A time-to-event outcome's `event.labels` name its competing-risk causes per language (the IPS
 * twin's report had shown "disability_pension" and "education" as written in the file, Danish
 * too). Validated once: only event or competing levels, only with competing events — a label
 * that would never be shown is refused with its JSON path.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSpec } from '../../src/data/spec/load.ts';
import { DataValidationError } from '../../src/data/problems.ts';
import { repoRoot } from '../helpers/fixtures.ts';

const file = join(repoRoot, 'data-samples/ips/ips.spec.json');
const raw = (): Record<string, any> => JSON.parse(readFileSync(file, 'utf8'));
const at = (s: Record<string, any>, id: string) => s.outcomes.find((o: { id: string }) => o.id === id);
const index = (id: string) => raw().outcomes.findIndex((o: { id: string }) => o.id === id);

function problems(mutate: (s: Record<string, any>) => void): { paths: string[]; message: string } {
  const s = raw();
  mutate(s);
  try {
    parseSpec(s, 'ips.spec.json');
  } catch (e) {
    expect(e).toBeInstanceOf(DataValidationError);
    const err = e as DataValidationError;
    return { paths: err.problems.map((p) => p.path ?? ''), message: err.userMessage() };
  }
  throw new Error('expected the spec to be refused');
}

describe('event.labels on a time-to-event outcome', () => {
  it('the IPS spec names its causes in both languages', () => {
    const o = at(parseSpec(raw(), 'ips.spec.json') as unknown as Record<string, any>, 'first_exit');
    expect(o.event.labels.disability_pension).toEqual({ da: 'førtidspension', en: 'disability pension' });
    expect(o.event.labels.education).toEqual({ da: 'uddannelse', en: 'education' });
  });

  it('refuses a label for a level that is no event or competing level (a censored one, or a typo)', () => {
    const { paths, message } = problems((s) => { at(s, 'first_exit').event.labels.censored = { da: 'censureret', en: 'censored' }; });
    expect(paths).toContain(`outcomes[${index('first_exit')}].event.labels.censored`);
    expect(message).toContain('is not an event or competing level (job, education, disability_pension)');
  });

  it('refuses labels on an outcome without competing events (nothing would show them)', () => {
    const { paths, message } = problems((s) => { at(s, 'first_job').event.labels = { first_job: { da: 'job', en: 'job' } }; });
    expect(paths).toContain(`outcomes[${index('first_job')}].event.labels`);
    expect(message).toContain('labels name the causes of a competing-risks outcome');
  });

  it('refuses a label in one language only', () => {
    const { paths } = problems((s) => { at(s, 'first_exit').event.labels.job = { da: 'job' }; });
    expect(paths.some((p) => p.startsWith(`outcomes[${index('first_exit')}].event.labels.job`))).toBe(true);
  });
});
