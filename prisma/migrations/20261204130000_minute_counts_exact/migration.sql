-- A minute bucket of one series holds at most floor((2^53 − 1) / 1440) calls (issue 21): then every
-- hour and day rolled up from its minutes stays within 2^53 − 1 too, so no stored count is ever
-- rounded when read as a JavaScript number, nor overflows bigint in a roll-up. Ingestion answers a
-- write that would pass it with a 400 and writes nothing (lib/telemetry/ingest.ts, exactCounts).
ALTER TABLE "latency_buckets" ADD CONSTRAINT "latency_buckets_minute_counts_exact"
  CHECK ("resolution" <> 'minute' OR ("count" <= 6254999482459 AND "errors" <= 6254999482459 AND "approximate_count" <= 6254999482459));
