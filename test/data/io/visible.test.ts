/** The one notation for characters a sink must not write as themselves (src/data/io/visible.ts). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { documentText, singleLine, visibleChar, xmlSafe } from '../../../src/data/io/visible.ts';

const XML_CHAR = /^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;

describe('visible characters', () => {
  it.each([
    ['\u0000', '\\x00'],
    ['\u001b', '\\x1B'],
    ['\r', '\\r'],
    ['\n', '\\n'],
    ['\u202e', '\\u202E'],
    ['\ud800', '\\uD800'],
    ['\u{e0041}', '\\u{E0041}'],
  ])('%j → %s', (c, shown) => expect(visibleChar(c)).toBe(shown));

  it.each([
    ['xmlSafe keeps tab, line feed, carriage return and pairs', xmlSafe, 'a\tb\nc\rd \u{1F600}', 'a\tb\nc\rd \u{1F600}'],
    ['xmlSafe shows C0, U+FFFE/F and lone surrogates', xmlSafe, '\u0001\ufffe\uffff\udc00x\ud800', '\\x01\\uFFFE\\uFFFF\\uDC00x\\uD800'],
    ['documentText also shows C1 and bidi controls', documentText, 'Kolding\u202eevil\u2066x\u2069\u009b', 'Kolding\\u202Eevil\\u2066x\\u2069\\x9B'],
    ['documentText keeps Danish letters, dashes and marks', documentText, 'Ærø – “x” ≥ 5 % \u200e', 'Ærø – “x” ≥ 5 % \u200e'],
    ['singleLine shows line breaks and tabs', singleLine, 'a\r\nb\tc\u2028', 'a\\r\\nb\\tc\\u2028'],
  ])('%s', (_n, f, input, expected) => expect(f(input)).toBe(expected));

  it('any string made documentText is text XML can hold (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => XML_CHAR.test(documentText(s))), { numRuns: 2000 });
  });
});
