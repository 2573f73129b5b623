-- CreateTable
CREATE TABLE "latency_buckets" (
    "series_key" TEXT NOT NULL,
    "resolution" TEXT NOT NULL,
    "start" TIMESTAMPTZ(3) NOT NULL,
    "count" BIGINT NOT NULL,
    "errors" BIGINT NOT NULL,
    "histogram" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "latency_buckets_pkey" PRIMARY KEY ("series_key","resolution","start")
);

-- CreateTable
CREATE TABLE "ingest_receipts" (
    "digest" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ingest_receipts_pkey" PRIMARY KEY ("digest")
);

-- CreateIndex
CREATE INDEX "latency_buckets_resolution_start_idx" ON "latency_buckets"("resolution", "start");

-- CreateIndex
CREATE INDEX "ingest_receipts_received_at_idx" ON "ingest_receipts"("received_at");


-- Hand-written below this line.
ALTER TABLE "latency_buckets" ADD CONSTRAINT "latency_buckets_resolution_check" CHECK ("resolution" IN ('minute', 'hour', 'day')),
  ADD CONSTRAINT "latency_buckets_counts_check" CHECK ("count" >= 0 AND "errors" >= 0 AND "errors" <= "count");

-- Adds two histograms (lib/telemetry/histogram.ts's shape) inside the database, so concurrent
-- upserts of the same bucket merge under the row lock and nothing is lost or counted twice.
CREATE FUNCTION "edgewise_merge_histogram"(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object(
    'zero', coalesce((a->>'zero')::bigint, 0) + coalesce((b->>'zero')::bigint, 0),
    'count', coalesce((a->>'count')::bigint, 0) + coalesce((b->>'count')::bigint, 0),
    'sumMs', coalesce((a->>'sumMs')::double precision, 0) + coalesce((b->>'sumMs')::double precision, 0),
    'minMs', CASE WHEN a->'minMs' IS NULL OR jsonb_typeof(a->'minMs') = 'null' THEN b->'minMs'
                  WHEN b->'minMs' IS NULL OR jsonb_typeof(b->'minMs') = 'null' THEN a->'minMs'
                  ELSE to_jsonb(least((a->>'minMs')::double precision, (b->>'minMs')::double precision)) END,
    'maxMs', CASE WHEN a->'maxMs' IS NULL OR jsonb_typeof(a->'maxMs') = 'null' THEN b->'maxMs'
                  WHEN b->'maxMs' IS NULL OR jsonb_typeof(b->'maxMs') = 'null' THEN a->'maxMs'
                  ELSE to_jsonb(greatest((a->>'maxMs')::double precision, (b->>'maxMs')::double precision)) END,
    'buckets', (SELECT coalesce(jsonb_object_agg(k, total), '{}'::jsonb)
                FROM (SELECT k, sum(v::bigint) AS total
                      FROM (SELECT * FROM jsonb_each_text(coalesce(a->'buckets', '{}'::jsonb))
                            UNION ALL SELECT * FROM jsonb_each_text(coalesce(b->'buckets', '{}'::jsonb))) AS x(k, v)
                      GROUP BY k) AS y)
  )
$$;
