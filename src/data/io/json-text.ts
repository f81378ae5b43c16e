/**
 * A JSON input file's text parsed, or what is wrong with it said without quoting it. V8's own
 * message quotes the text around the fault — all of it when it is short ("Unexpected token 'p',
 * "participant,arm⏎1001,PEER⏎…" is not valid JSON") — so a data file given where a spec, scenario,
 * contract or results.json was expected would put its rows in the error, over several lines. Here
 * the reason keeps V8's words without the quote, and its place is a line and column.
 */
import { singleLine } from './visible.ts';

export type JsonText = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string };

/** JSON.parse of the text (a leading byte-order mark ignored, as editors on Windows write one). */
export function parseJsonText(text: string): JsonText {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    return { ok: false, problem: jsonProblem(body, e instanceof Error ? e.message : String(e)) };
  }
}

/** Characters a JSON text may start with (after white space). */
const JSON_START = /^[{["\-0-9tfn]/;

function jsonProblem(text: string, message: string): string {
  const start = text.search(/\S/);
  if (start < 0) return 'the file is empty';
  if (!JSON_START.test(text[start])) return `it starts with ${quoted(text[start])} at ${place(text, start)}, not with "{" or "[" — is this the file meant here?`;
  const at = /\bat position (\d+)/.exec(message);
  const token = /^Unexpected token '([^]*?)', /.exec(message);
  // V8 gives no position with an unexpected token, only the quote this leaves out.
  const reason = token ? `unexpected ${quoted(token[1])}` : lowerFirst(message.replace(/ (?:in JSON )?at position \d+[^]*$/, '').replace(/, (?:\.\.\.)?"[^]*$/, ''));
  return at ? `${reason} at ${place(text, Number(at[1]))}` : reason;
}

/** "line 3, column 9" (both from 1; a column counts UTF-16 units, as editors mostly do). */
function place(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

// The terminal's other controls are made visible where the message is printed (cli/ui/terminal.ts).
const quoted = (c: string) => `"${singleLine(c)}"`;
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
