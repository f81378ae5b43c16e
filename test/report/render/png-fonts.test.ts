/**
 * coveredBy (src/report/render/png.ts): the build's DejaVu subsets are used for a chart only when
 * every character of its SVG — markup and character references included — lies in their ranges;
 * anything else is drawn with the full files. The pixels are compared in test/cli/build.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { coveredBy, fontsFor } from '../../../src/report/render/png.ts';

const RANGES = [[0x20, 0x7e], [0xa0, 0x24f], [0x2200, 0x22ff]] as const;

describe('PNG font subsets', () => {
  it.each([
    ['plain ASCII', '<svg><text>p &lt; 0.001</text></svg>', true],
    ['Danish letters', '<svg>\n\t<text>æøå ÆØÅ</text>\r\n</svg>', true],
    ['a minus sign', '<svg><text>−2,0</text></svg>', true],
    ['a character outside', '<svg><text>日本</text></svg>', false],
    ['an astral character', '<svg><text>😀</text></svg>', false],
    ['a decimal reference outside', '<svg><text>&#8364;</text></svg>', false],
    ['a hexadecimal reference inside', '<svg><text>&#x2212;</text></svg>', true],
    ['a control character', '<svg>\u0001</svg>', false],
  ])('%s', (_, svg, covered) => {
    expect(coveredBy(svg, RANGES)).toBe(covered);
  });

  it('from the sources (no subsets built next to them) every chart gets the full files', () => {
    const font = fontsFor('<svg><text>abc</text></svg>');
    expect(font?.fontFiles?.some((f) => /subset/.test(f)) ?? false).toBe(false);
  });
});
