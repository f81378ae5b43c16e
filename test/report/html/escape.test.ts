/** The report's HTML escaping (src/report/html/escape.ts), character by character. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { esc, jsonForScript } from '../../../src/report/html/escape.ts';
import { cssString } from '../../../src/report/html/css.ts';

describe('esc', () => {
  it.each([
    ['markup', '<img src=x onerror="a()">', '&lt;img src=x onerror=&quot;a()&quot;&gt;'],
    ['an entity', 'R&amp;D', 'R&amp;amp;D'],
    ['a NUL and a bell', 'a\u0000b\u0007', 'a\\x00b\\x07'],
    ['a bidi override (shown, so a label cannot display reversed)', 'Kolding\u202eevil', 'Kolding\\u202Eevil'],
    ['Danish text unchanged', 'Ærø Kommune – 5 %', 'Ærø Kommune – 5 %'],
  ])('%s', (_n, input, expected) => expect(esc(input)).toBe(expected));

  it('no string yields a raw < > " or a control character (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => !/[<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e]/.test(esc(s))), { numRuns: 2000 });
  });
});

describe('jsonForScript', () => {
  it('nothing in it can end the script element, and a bidi override reads back visible', () => {
    const json = jsonForScript({ a: '</script><!--', b: 'x\u202ey', c: '\u2028' });
    expect(json).not.toMatch(/[<>&\u2028\u202e]/);
    expect(JSON.parse(json)).toEqual({ a: '</script><!--', b: 'x\\u202Ey', c: '\u2028' });
  });
});

describe('cssString (the running header of the printed report)', () => {
  it.each([
    ['quotes and backslashes', 'a"b\\c', '"a\\"b\\\\c"'],
    ['</style> cannot close the element', '</style><script>x</script>', '"\\3C /style>\\3C script>x\\3C /script>"'],
    ['line breaks, a lone CR too', 'a\nb\rc\r\nd', '"a\\A b\\A c\\A d"'],
    ['NUL, form feed and a bidi override shown', 'T\u0000\u000c\u202e', '"T\\\\x00\\\\x0C\\\\u202E"'],
  ])('%s', (_n, input, expected) => expect(cssString(input)).toBe(expected));
});
