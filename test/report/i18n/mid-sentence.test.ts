/** midSentence (src/report/i18n/mid-sentence.ts): an arm's name inside a sentence keeps acronyms and inner capitals. */
import { describe, expect, it } from 'vitest';
import { midSentence } from '../../../src/report/i18n/mid-sentence.ts';

describe('an arm name mid-sentence', () => {
  it.each([
    ['Service as usual (SAU)', 'service as usual (SAU)'],
    ['Sædvanlig indsats', 'sædvanlig indsats'],
    ['Øvrige tilbud', 'øvrige tilbud'],
    ['Cont', 'cont'],
    ['TAU', 'TAU'],
    ['CBT-based care', 'CBT-based care'],
    ['IPS (individual placement and support)', 'IPS (individual placement and support)'],
    ['eHealth coaching', 'eHealth coaching'],
    ['A', 'A'],
    ['B: waiting list', 'B: waiting list'],
    ['', ''],
  ])('%j → %j', (name, expected) => {
    expect(midSentence(name)).toBe(expected);
  });
});
