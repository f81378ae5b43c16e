/**
 * The one notation for a character that must not be written as itself (a control character in a
 * terminal, a character XML cannot hold in a workbook): \r for a carriage return, \n for a line
 * feed, \xHH up to U+00FF, \uHHHH above (\u{HHHHH} beyond U+FFFF). Shown this way the reader sees exactly what the input
 * holds, and nothing is dropped.
 */
export function visibleChar(c: string): string {
  if (c === '\r') return '\\r';
  if (c === '\n') return '\\n';
  const code = c.codePointAt(0)!;
  const hex = code.toString(16).toUpperCase();
  if (code <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  return code <= 0xffff ? `\\u${hex.padStart(4, '0')}` : `\\u{${hex}}`;
}

/**
 * A value from an input shown inside one line of a message: its line breaks (and tabs) made
 * visible, so a title or cell holding "\nALL CHECKS PASSED" cannot print a line of its own. The
 * terminal's other controls are made visible when the message is printed (src/cli/ui/terminal.ts).
 */
export function singleLine(value: string): string {
  return value.replace(/[\n\r\t\u2028\u2029\u0085]/g, (c) => (c === '\t' ? '\\t' : visibleChar(c)));
}
