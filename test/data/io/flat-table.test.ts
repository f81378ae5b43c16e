import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { neutraliseFormula, tableToCsv, tablesToXlsx, type FlatTable } from '../../../src/data/io/flat-table.ts';

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
