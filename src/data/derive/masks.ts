/**
 * Code sets as lookup tables over a panel's code indices: mask[c] = 1 when code c is in the set
 * (a group name stands for its codes); a class table maps each code to 0 (none) or a cause 1…k.
 * Index NOT_OBSERVED (255) is always 0, so an unobserved week is never in a set.
 */
import { expandCodes, type RegisterPanelSpec } from './schema.ts';

export type CodeTable = Uint8Array;

export function codeMask(p: Pick<RegisterPanelSpec, 'codes' | 'groups'>, list: readonly string[]): CodeTable {
  const mask = new Uint8Array(256);
  for (const c of expandCodes(p, list)) mask[p.codes.indexOf(c)] = 1;
  return mask;
}

/** The codes observed but not in the set: the complement within the declared codes. */
export function complement(p: Pick<RegisterPanelSpec, 'codes'>, mask: CodeTable): CodeTable {
  const out = new Uint8Array(256);
  for (let c = 0; c < p.codes.length; c++) out[c] = mask[c] ? 0 : 1;
  return out;
}

export function causeTable(p: Pick<RegisterPanelSpec, 'codes' | 'groups'>, causes: readonly { readonly codes: readonly string[] }[]): CodeTable {
  const table = new Uint8Array(256);
  causes.forEach((cause, k) => {
    for (const c of expandCodes(p, cause.codes)) table[p.codes.indexOf(c)] = k + 1;
  });
  return table;
}
