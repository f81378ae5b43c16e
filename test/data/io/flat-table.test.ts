import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { neutraliseFormula, tableToCsv, tablesToXlsx, xlsxText, XLSX_MAX_TEXT, type FlatTable } from '../../../src/data/io/flat-table.ts';
import { runsAsFormula, spreadsheetCells } from '../../helpers/spreadsheet-csv.ts';

const hostile = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\tTAB', '\rCR', 'plain', '–5 (en dash)'];
const table: FlatTable = { name: 't', columns: ['label', 'n'], rows: [...hostile.map((h, i) => [h, -i] as const), ['neg', -1.5]] };

describe('CSV injection (OWASP)', () => {
  it('text cells starting with = + - @ tab CR get a leading apostrophe; others are unchanged', () => {
    expect(hostile.map(neutraliseFormula)).toEqual([`'=HYPERLINK("http://evil.example","x")`, "'+1+1", "'-2+3", "'@SUM(A1)", "'\tTAB", "'\rCR", 'plain', '–5 (en dash)']);
  });

  it('the CSV keeps numbers as numbers (negative ones too) and neutralises text', () => {
    const lines = tableToCsv(table).split('\n');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")",0`);
    expect(lines[3]).toBe("'-2+3,-2");
    expect(lines[6]).toBe(`"'\rCR",-5`);
    expect(lines[9]).toBe('neg,-1.5');
  });

  it('XLSX cells are text for text and numbers for numbers; no formula', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await tablesToXlsx([table])) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    for (let r = 2; r <= hostile.length + 1; r++) {
      expect(ws.getRow(r).getCell(1).type).toBe(ExcelJS.ValueType.String);
      // XML turns a lone CR into LF; the text is otherwise as given.
      expect(ws.getRow(r).getCell(1).value).toBe(hostile[r - 2].replace('\r', '\n'));
      expect(ws.getRow(r).getCell(2).type).toBe(ExcelJS.ValueType.Number);
    }
  });
});

describe('CSV injection beyond the first character', () => {
  it.each([
    ['spaces before =', '  =1+1', "'  =1+1"],
    ['a quote before =', '"=1+1', `'"=1+1`],
    ['an apostrophe and spaces before +', "' +1", "'' +1"],
    ['after ";" (Danish Excel splits a comma CSV on ";")', 'x;=HYPERLINK("http://e.vil")', `x;'=HYPERLINK("http://e.vil")`],
    ['after "; " and a minus', 'x; -2+3+cmd', "x;' -2+3+cmd"],
    ['after a line break (the row ends there when the quotes are not seen)', "line\n=cmd|' /C calc'!A0", "line\n'=cmd|' /C calc'!A0"],
    ['after a carriage return', 'a\r@SUM(A1)', "a\r'@SUM(A1)"],
    ['after a tab (pasted text splits on tabs)', 'a\t+1', "a\t'+1"],
    ['at the start and after ";"', '=a;=b', "'=a;'=b"],
    ['plain text with ";" and dashes is unchanged', 'a; b – c - d; 5', 'a; b – c - d; 5'],
    ['a hyphen inside a word is unchanged', 'wsas-responder;x', 'wsas-responder;x'],
    ['a fullwidth ＝ (an East Asian input method makes it =)', '＝HYPERLINK("http://e.vil")', `'＝HYPERLINK("http://e.vil")`],
    ['fullwidth ＋ － ＠ after ";"', 'a;＋1;－1;＠SUM(A1)', "a;'＋1;'－1;'＠SUM(A1)"],
    ['a fullwidth sign inside the text is unchanged', 'a＝b', 'a＝b'],
  ])('%s', (_n, input, expected) => expect(neutraliseFormula(input)).toBe(expected));

  it('no text, however written, gives a cell a spreadsheet would run — read with "," or ";" (property)', () => {
    const piece = fc.constantFrom('=', '+', '-', '@', '＝', '＋', '－', '＠', ' ', '"', "'", ';', ',', '\n', '\r', '\t', 'cmd', '1', 'a', '–');
    const text = fc.oneof(fc.string(), fc.array(piece, { maxLength: 12 }).map((a) => a.join('')));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), (texts) => {
        const csv = tableToCsv({ name: 't', columns: ['label', ...texts.map((_, i) => `c${i}`)], rows: [['row', ...texts]] });
        for (const d of [',', ';'] as const) {
          const bad = spreadsheetCells(csv, d).filter(runsAsFormula);
          if (bad.length) throw new Error(`read with "${d}": ${JSON.stringify(bad)} from ${JSON.stringify(texts)}`);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('XLSX text cells', () => {
  const read = async (t: FlatTable) => {
    const bytes = await tablesToXlsx([t]);
    const zip = await JSZip.loadAsync(bytes);
    return { xml: await zip.file('xl/sharedStrings.xml')!.async('string'), sheet: await zip.file('xl/worksheets/sheet1.xml')!.async('string') };
  };

  it.each([
    ['C0 controls (exceljs would drop them)', 'a\u0001\u001b[31mb', 'a\\x01\\x1B[31mb'],
    ['U+FFFE and U+FFFF (not XML)', 'a\ufffeb\uffff', 'a\\uFFFEb\\uFFFF'],
    ['a lone surrogate', 'a\ud800b\udc00', 'a\\uD800b\\uDC00'],
    ['a pair stays', 'a\u{1F600}b', 'a\u{1F600}b'],
    ["Excel's escape written literally", '_x0041_', '_x005F_x0041_'],
    ['tab and line feed kept', 'a\tb\nc', 'a\tb\nc'],
  ])('%s', (_n, input, expected) => expect(xlsxText(input)).toBe(expected));

  it("a text beyond Excel's cell limit is cut to it and says how long it was", () => {
    const cut = xlsxText(`${'x'.repeat(32766)}\u{1F600}${'y'.repeat(1_000_000)}`);
    expect(cut.length).toBeLessThanOrEqual(XLSX_MAX_TEXT);
    expect(cut).toMatch(/… \(1,032,768 characters in all; cut to Excel's limit for a cell\)$/);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('the workbook is well-formed XML whatever the text; numbers that are not finite are empty cells', async () => {
    const { xml, sheet } = await read({ name: 't', columns: ['a\u0000', 'n'], rows: [['\u0007\ufffe\ud800', NaN], ['ok', Infinity], ['x', -Infinity]] });
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    expect(xml).toContain('a\\x00');
    expect(xml).toContain('\\x07\\uFFFE\\uD800');
    expect(sheet).not.toMatch(/NaN|Infinity/);
  });
});
