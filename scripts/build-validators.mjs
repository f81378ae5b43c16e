/**
 * Part of `npm run build` (scripts/build.mjs): the JSON Schema validators that `effekt report`
 * checks results.json and economics.json with, compiled ahead of time into plain CommonJS
 * modules (Ajv's standalone code) under dist/report/validators/. Compiling them at run time
 * cost ≈ 0.5 s of every report. Each module records the SHA-256 of the schema it was compiled
 * from; src/report/input-schema.ts uses it only when that still matches schemas/ and compiles
 * the schema itself otherwise (sources run through tsx, a schema regenerated after the build).
 * The Ajv options must stay those of input-schema.ts.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';

export const PRECOMPILED_SCHEMAS = ['results.schema.json', 'economics.schema.json'];

/** Writes <outDir>/<schema>.cjs for each schema in schemas/ (under `root`); returns how many. */
export function writeValidators(root, outDir) {
  mkdirSync(outDir, { recursive: true });
  const standaloneCode = standalone.default ?? standalone;
  for (const file of PRECOMPILED_SCHEMAS) {
    const text = readFileSync(join(root, 'schemas', file), 'utf8');
    const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true } });
    const code = standaloneCode(ajv, ajv.compile(JSON.parse(text)));
    const sha = createHash('sha256').update(text).digest('hex');
    writeFileSync(join(outDir, `${file}.cjs`), `${code}\nmodule.exports.schemaSha256 = ${JSON.stringify(sha)};\n`);
  }
  return PRECOMPILED_SCHEMAS.length;
}
