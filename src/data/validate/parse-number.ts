/**
 * Parses a number written with the spec's decimal separator. With a decimal comma a dot is a
 * thousands separator only in the strict 1.234.567 pattern; anything else ambiguous is refused
 * rather than guessed. Returns null when the text is not a number.
 */
const plainDot = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const plainComma = /^[+-]?(\d+,?\d*|,\d+)$/;
const thousandsDots = /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/;

export function parseNumber(text: string, decimal: '.' | ','): number | null {
  const t = text.trim();
  if (t.length > 400) return null;
  if (decimal === '.') return plainDot.test(t) ? Number(t) : null;
  if (plainComma.test(t)) return Number(t.replace(',', '.'));
  if (thousandsDots.test(t)) return Number(t.replace(/\./g, '').replace(',', '.'));
  return null;
}

