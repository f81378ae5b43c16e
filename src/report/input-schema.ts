/**
 * results.json and economics.json checked against their JSON Schemas (schemas/, generated from
 * the TypeScript types by `npm run schemas`) before anything is rendered: a malformed row
 * (a string where an estimate belongs, a missing arm) is a problem naming the file, the JSON
 * path and the fix — never a stack trace from deep inside a chart.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';

const schemaDir = fileURLToPath(new URL('../../schemas/', import.meta.url));
const cache = new Map<string, ValidateFunction>();
const require = createRequire(import.meta.url);

/**
 * The validator `npm run build` compiled ahead of time (scripts/build-validators.mjs, same Ajv
 * options as below) into dist/report/validators/, when it was compiled from this very schema text.
 */
function precompiled(schemaFile: string, text: string): ValidateFunction | null {
  let v: (ValidateFunction & { schemaSha256?: unknown }) | undefined;
  try {
    v = require(`./validators/${schemaFile}.cjs`) as ValidateFunction & { schemaSha256?: unknown };
  } catch {
    return null; // sources run through tsx, or an older build
  }
  return typeof v === 'function' && v.schemaSha256 === createHash('sha256').update(text).digest('hex') ? v : null;
}

/**
 * Ajv itself is loaded only when no precompiled validator fits (sources run through tsx, a
 * schema edited after the build): it is ≈ 100 modules of CommonJS, ≈ 0.1 s of CPU at the
 * start of every command that imports the report code (`effekt run` among them).
 */
function compileWithAjv(text: string): ValidateFunction {
  const { Ajv } = require('ajv') as typeof import('ajv');
  return new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(text));
}

function validator(schemaFile: string): ValidateFunction {
  let v = cache.get(schemaFile);
  if (!v) {
    const text = readFileSync(`${schemaDir}${schemaFile}`, 'utf8');
    v = precompiled(schemaFile, text) ?? compileWithAjv(text);
    cache.set(schemaFile, v);
  }
  return v;
}

/** "/outcomes/3/difference" → "outcomes[3].difference". */
export function jsonPath(pointer: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

function describe(e: ErrorObject): { path: string; message: string } {
  const at = jsonPath(e.instancePath);
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return { path: at ? `${at}.${String(params.missingProperty)}` : String(params.missingProperty), message: 'is missing' };
  if (e.keyword === 'additionalProperties') return { path: at ? `${at}.${String(params.additionalProperty)}` : String(params.additionalProperty), message: 'is not a field of this file' };
  if (e.keyword === 'enum') return { path: at, message: `must be one of ${(params.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ')}` };
  return { path: at || '(top level)', message: e.message ?? `fails ${e.keyword}` };
}

export interface SchemaProblem {
  readonly path: string;
  readonly message: string;
}

/** The problems of `json` against schemas/<schemaFile>, most specific first, at most `max`. */
export function schemaProblems(schemaFile: string, json: unknown, max = 12): SchemaProblem[] {
  const validate = validator(schemaFile);
  if (validate(json)) return [];
  const seen = new Set<string>();
  const out: SchemaProblem[] = [];
  // anyOf/oneOf branches repeat the same place; the deepest paths say most.
  const errors = [...(validate.errors ?? [])].filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf').sort((a, b) => b.instancePath.length - a.instancePath.length);
  for (const e of errors) {
    const d = describe(e);
    // "must be null" is the other branch of an optional object whose own error is already listed deeper.
    if (d.message === 'must be null' && out.some((o) => o.path.startsWith(`${d.path}.`) || o.path.startsWith(`${d.path}[`))) continue;
    const key = `${d.path}|${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
    if (out.length >= max) break;
  }
  return out.length ? out : [{ path: '(top level)', message: 'does not match the schema' }];
}
