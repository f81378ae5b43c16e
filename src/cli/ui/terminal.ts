/**
 * Everything effekt prints goes through here. Values from data and spec files (site names,
 * labels, file names) can hold control characters: an escape sequence that clears the screen,
 * a carriage return that overwrites a line with a fake "ALL CHECKS PASSED", a bidi override
 * that reverses text. Each such character is shown as a visible escape (\x1B, \r, \u202E)
 * instead, so the terminal shows exactly what the file holds and cannot be steered by it.
 * Newlines between lines and tabs are kept.
 */

// C0 controls except tab and newline, DEL, C1 controls, and the Unicode format characters that
// reorder or hide text (bidi embeddings/overrides/isolates, zero-width and line/paragraph separators).
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/gu;

function visible(c: string): string {
  const code = c.codePointAt(0)!;
  if (c === '\r') return '\\r';
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Text safe for a terminal: control and reordering characters made visible; newlines and tabs kept. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** Writes to stdout, made terminal-safe. */
export function printOut(text: string): void {
  process.stdout.write(terminalSafe(text));
}

/** Writes to stderr, made terminal-safe. */
export function printErr(text: string): void {
  process.stderr.write(terminalSafe(text));
}
