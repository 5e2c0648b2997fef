/**
 * Index pattern overlap for the fake, written independently of src/cluster/glob-overlap.ts (a
 * breadth-first walk over pairs of pattern positions) so a bug in one cannot hide in the other.
 */
export function patternsIntersect(a: string, b: string): boolean {
  const seen = new Set<string>();
  const queue: [number, number][] = [[0, 0]];
  while (queue.length > 0) {
    const [i, j] = queue.shift() as [number, number];
    const key = `${i},${j}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (i === a.length && j === b.length) return true;
    const ca = a[i];
    const cb = b[j];
    if (ca === '*') {
      queue.push([i + 1, j]);
      if (j < b.length) queue.push([i, j + 1]);
    }
    if (cb === '*') {
      queue.push([i, j + 1]);
      if (i < a.length) queue.push([i + 1, j]);
    }
    if (ca !== undefined && cb !== undefined && ca !== '*' && cb !== '*' && ca === cb) queue.push([i + 1, j + 1]);
  }
  return false;
}
