/**
 * Everything effekt prints goes through here. Values from data and spec files (site names,
 * labels, file names) can hold control characters: an escape sequence that clears the screen,
 * a carriage return that overwrites a line with a fake "ALL CHECKS PASSED", a bidi override
 * that reverses text. Each such character is shown as a visible escape (\x1B, \r, \u202E)
 * instead, so the terminal shows exactly what the file holds and cannot be steered by it.
 * Newlines between lines and tabs are kept.
 */

import { singleLine, visibleChar } from '../../data/io/visible.ts';
import { clipText } from '../../data/problems.ts';

export { singleLine };

// C0 controls except tab and newline, DEL, C1 controls, and the Unicode format characters that
// reorder or hide text (bidi embeddings/overrides/isolates and the Arabic letter mark, zero-width
// and line/paragraph separators, interlinear annotations, and the invisible tag characters that
// can carry a hidden copy of ASCII text), and lone surrogates (written as U+FFFD otherwise, hiding
// what the file holds; in this u-mode class a surrogate pair is one character and never matches).
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}\ud800-\udfff]/gu;

/** Text safe for a terminal: control and reordering characters made visible; newlines and tabs kept. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, visibleChar);
}

/** Writes to stdout, made terminal-safe. */
export function printOut(text: string): void {
  process.stdout.write(terminalSafe(text));
}

/** Writes to stderr, made terminal-safe. */
export function printErr(text: string): void {
  process.stderr.write(terminalSafe(text));
}

/** Longest line printed: the longest of the twins' summaries is under 200; a 1 MB title is not printed whole. */
export const MAX_LINE = 10_000;

/**
 * Prints lines, each kept to one line: a value in it (a title, a site, a file name) with a line
 * break shows it as \n instead of starting a line of its own — a spec title
 * "Trial\nALL CHECKS PASSED" cannot print a fake verdict under the real one — and a line longer
 * than MAX_LINE is cut, saying how long it was.
 */
export function printLines(lines: readonly string[], to: 'out' | 'err' = 'out'): void {
  (to === 'out' ? printOut : printErr)(`${lines.map((l) => singleLine(clipText(l, MAX_LINE))).join('\n')}\n`);
}
