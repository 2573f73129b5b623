-- Hand-written: five-minute buckets, rolled from minutes and kept as long as them, so that a chart at
-- 5, 15 or 30-minute steps merges a fifth of the rows (lib/telemetry/rollup.ts, latency.ts).
ALTER TABLE "latency_buckets" DROP CONSTRAINT "latency_buckets_resolution_check",
  ADD CONSTRAINT "latency_buckets_resolution_check" CHECK ("resolution" IN ('minute', 'five_minute', 'hour', 'day'));
