/** Mid-ranks (ties get the average rank, as R's rank()) and the tie-group sizes. */
export function midRanks(x: readonly number[]): { ranks: number[]; ties: number[] } {
  const order = x.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(x.length);
  const ties: number[] = [];
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    const r = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k][1]] = r;
    ties.push(j - i + 1);
    i = j + 1;
  }
  return { ranks, ties };
}

/** R's median of a numeric array (mean of the two middle values for even n). */
export function medianOf(x: readonly number[]): number {
  const s = [...x].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}
