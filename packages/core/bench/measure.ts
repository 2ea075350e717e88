/** Timing shared by the benchmarks: warm-up runs, then timed runs back to back; median and min. */
export interface Timing {
  median: number;
  min: number;
}

/** Results are kept here so the engine cannot drop a call whose value is unused. */
export let sink: unknown;

export function measure(fn: () => unknown, warmup: number, runs: number): Timing {
  for (let i = 0; i < warmup; i++) sink = fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    sink = fn();
    ts.push(performance.now() - t);
  }
  ts.sort((a, b) => a - b);
  const mid = ts.length >> 1;
  return { median: ts.length % 2 ? ts[mid]! : (ts[mid - 1]! + ts[mid]!) / 2, min: ts[0]! };
}
