import { writeFileSync } from 'node:fs';
import { exportedSchemas, schemaText } from './schemas.ts';

for (const s of exportedSchemas) {
  writeFileSync(s.file, schemaText(s.schema()));
  process.stdout.write(`wrote ${s.file}\n`);
}
