/** The index of the first of the ascending `positions` at or after `at` (their length when none is). */
export function firstAtOrAfter(positions: readonly number[], at: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((positions[middle] ?? Infinity) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}
