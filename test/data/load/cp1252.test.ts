import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeWindows1252, windows1252Byte } from '../../../src/data/load/cp1252.ts';
import { encodeWindows1252 } from '../../../src/data/write/csv.ts';

/** Bytes 0x80–0x9F as the WHATWG Encoding Standard's index-windows-1252 lists them (the characters Excel writes). */
const WHATWG_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

describe('Windows-1252 (Danish Excel exports)', () => {
  it('decodes every byte as the Encoding Standard does: ASCII and Latin-1 as themselves, 0x80–0x9F as Windows-1252 puts them', () => {
    const all = decodeWindows1252(Uint8Array.from({ length: 256 }, (_, i) => i));
    expect(all.length).toBe(256);
    for (let b = 0; b < 256; b++) {
      const expected = b >= 0x80 && b < 0xa0 ? WHATWG_80_9F[b - 0x80] : String.fromCharCode(b);
      expect(all[b], `byte 0x${b.toString(16)}`).toBe(expected);
    }
    expect(decodeWindows1252(Uint8Array.of(0x80, 0x20, 0x96, 0x20, 0x93, 0xe6, 0xf8, 0xe5, 0x94))).toBe('€ – “æøå”');
  });

  it('encodes back to the same bytes, and refuses what has no byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(Array.from(encodeWindows1252(decodeWindows1252(bytes)))).toEqual(Array.from(bytes));
      }),
    );
    expect(windows1252Byte('€'.charCodeAt(0))).toBe(0x80);
    expect(() => encodeWindows1252('ā')).toThrow(/no Windows-1252 byte/);
  });
});
