/**
 * exceljs' Workbook class, the only part of exceljs effekt uses (reading a data sheet, writing
 * the result workbooks). The package's entry also loads its streaming reader and writer
 * (unzipper, archiver and their dependencies: 660 modules against the class's 278), which
 * nothing here calls: bundled, the class alone loads in ≈ 78 ms of CPU against ≈ 150 ms for the
 * whole package — time `effekt run` spent on its main thread while writing results.xlsx. The
 * class is the one the entry exports (`ExcelJS.Workbook`), so every workbook is the same bytes.
 */
import Workbook from 'exceljs/lib/doc/workbook.js';

export { Workbook };
