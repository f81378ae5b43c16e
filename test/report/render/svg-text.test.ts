/**
 * A chart label from a spec text with a control character: before, the SVG held it raw, resvg
 * refused the SVG ("a non-XML character '\u{1}'") and `effekt report` failed with an unexpected
 * error; now the SVG shows it as \x01 and draws.
 */
import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../../../src/report/render/svg.ts';
import { renderPng } from '../../../src/report/render/png.ts';

const spec = (label: string): TopLevelSpec => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  title: `Title ${label}`,
  data: { values: [{ k: label, v: 1 }, { k: 'plain', v: 2 }] },
  mark: 'bar',
  encoding: { y: { field: 'k', type: 'nominal' }, x: { field: 'v', type: 'quantitative' } },
});

describe('chart text', () => {
  it.each([
    ['C0 controls', 'WSAS\u0001\u0000x', 'WSAS\\x01\\x00x'],
    ['U+FFFF and a lone surrogate', 'a\uffffb\ud800', 'a\\uFFFFb\\uD800'],
    ['a bidi override', 'Kolding\u202eevil', 'Kolding\\u202Eevil'],
  ])('%s: shown in the SVG, which draws', async (_n, label, shown) => {
    const svg = await renderSvg(spec(label));
    expect(svg).toContain(shown);
    expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uffff\u202e]/);
    expect(renderPng(svg).length).toBeGreaterThan(100);
  });
});
