/**
 * Windows-1252 as Excel writes it. Node 20's TextDecoder('windows-1252') decodes bytes 0x80–0x9F
 * as the C1 control characters U+0080–U+009F (as ISO-8859-1 does), not as the characters
 * Windows-1252 puts there (the WHATWG Encoding Standard's index: 0x80 → €, 0x96 → –, 0x93/0x94 →
 * “ ”): a Danish export with "€" or a typographic dash would be read wrongly. The 27 characters are
 * mapped here; the five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay
 * the C1 characters the standard maps them to.
 */

/** Code points of bytes 0x80–0x9F (WHATWG index-windows-1252). */
const HIGH: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

const C1 = /[\u0080-\u009f]/g;
const HAS_C1 = /[\u0080-\u009f]/;

/** The text of Windows-1252 bytes. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const text = new TextDecoder('windows-1252').decode(bytes);
  // Where the platform's decoder already maps 0x80–0x9F, no C1 character is left to replace.
  return HAS_C1.test(text) ? text.replace(C1, (c) => String.fromCharCode(HIGH[c.charCodeAt(0) - 0x80])) : text;
}

const BYTE_OF = new Map<number, number>(HIGH.map((cp, i) => [cp, 0x80 + i]));

/** The Windows-1252 byte of a character, or undefined when it has none. */
export function windows1252Byte(codeUnit: number): number | undefined {
  if (codeUnit < 0x80 || (codeUnit >= 0xa0 && codeUnit <= 0xff)) return codeUnit;
  return BYTE_OF.get(codeUnit);
}
