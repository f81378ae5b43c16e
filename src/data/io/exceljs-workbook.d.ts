// The Workbook class module of exceljs (lib/doc/workbook.js: `module.exports = Workbook`), typed
// as the package's own declaration of the class. Imported only by excel-workbook.ts.
declare module 'exceljs/lib/doc/workbook.js' {
  import type { Workbook } from 'exceljs';
  const WorkbookClass: typeof Workbook;
  export default WorkbookClass;
}
