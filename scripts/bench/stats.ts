// Latency statistics for benchmark scripts: exact percentiles over all samples (nearest rank).
export function summarise(samplesMs: number[], wallMs: number) {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return { count: sorted.length, opsPerSec: Math.round((sorted.length / wallMs) * 1000), p50Ms: round(at(0.5)), p95Ms: round(at(0.95)), p99Ms: round(at(0.99)), maxMs: round(at(1)) };
}

export async function timeEach(count: number, concurrency: number, op: (i: number) => Promise<unknown>) {
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await op(i);
        samples.push(performance.now() - t0);
      }
    }),
  );
  return summarise(samples, performance.now() - started);
}
