/**
 * The browser builds of vega, vega-lite and vega-embed, read from node_modules so the report
 * is inlined and works offline (no CDN).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

export interface VendorScript {
  readonly name: string;
  readonly version: string;
  readonly source: string;
}

/** The package folder, found along Node's lookup paths (vega-embed's "exports" hides package.json). */
function pkgDir(name: string): string {
  for (const p of require.resolve.paths(name) ?? []) {
    if (existsSync(join(p, name, 'package.json'))) return join(p, name);
  }
  throw new Error(`cannot find the ${name} package: run npm ci`);
}

let cache: readonly VendorScript[] | null = null;

export function vendorScripts(): readonly VendorScript[] {
  if (cache) return cache;
  const files: Array<[string, string]> = [
    ['vega', 'build/vega.min.js'],
    ['vega-lite', 'build/vega-lite.min.js'],
    ['vega-embed', 'build/vega-embed.min.js'],
  ];
  cache = files.map(([name, file]) => {
    const dir = pkgDir(name);
    const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    // Drop the trailing source-map comment: the map is not shipped and Chromium would try to fetch it in devtools.
    const source = readFileSync(join(dir, file), 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
    return { name, version, source };
  });
  return cache;
}
