/**
 * A look-up by a value that came from data (an arm, visit, level or estimator id): only the
 * table's own keys count, so an id such as "constructor" or "__proto__" is an ordinary id that
 * the table does not hold, never Object.prototype's member.
 */
export function own<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
