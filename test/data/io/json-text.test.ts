import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseJsonText } from '../../../src/data/io/json-text.ts';

const problem = (text: string) => {
  const r = parseJsonText(text);
  if (r.ok) throw new Error(`parsed: ${JSON.stringify(r.value)}`);
  return r.problem;
};

describe('parseJsonText', () => {
  it('parses JSON, ignoring a byte-order mark', () => {
    expect(parseJsonText('\uFEFF{"a": [1, null]}')).toEqual({ ok: true, value: { a: [1, null] } });
  });

  it.each([
    ['a CSV given for a JSON file', 'participant,arm\n1001,PEER\n', 'it starts with "p" at line 1, column 1, not with "{" or "[" — is this the file meant here?'],
    ['an empty file', ' \n ', 'the file is empty'],
    ['a trailing comma', '{"a": 1,}', 'expected double-quoted property name at line 1, column 9'],
    ['a missing comma, on the next line', '{"a": 1\n "b": 2}', "expected ',' or '}' after property value at line 2, column 2"],
    ['a cut-off file', '{"schemaVersion": "1.', 'unterminated string at line 1, column 22'],
    ['text after the JSON', '{"a": 1}}', 'unexpected non-whitespace character after JSON at line 1, column 9'],
    ['an unexpected token (V8 gives no position)', '{"a": tru}', 'unexpected "}"'],
  ])('%s', (_name, text, expected) => expect(problem(text)).toBe(expected));

  it('never quotes the file: no run of its text and no line break reaches the message (property)', () => {
    const secret = fc.stringMatching(/^[A-Za-z]{6,12}$/);
    fc.assert(
      fc.property(secret, fc.constantFrom('', '{', '[', '{"a": ', '{"a": 1,\n', '"'), fc.constantFrom('', ',', '\n', '}', ' x'), (word, before, after) => {
        const text = `${before}${word}${after}`;
        const r = parseJsonText(text);
        if (r.ok) return;
        expect(r.problem).not.toContain(word.slice(0, 4));
        expect(r.problem).not.toMatch(/[\n\r]/);
      }),
    );
  });
});
