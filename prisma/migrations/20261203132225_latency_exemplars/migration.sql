-- CreateTable
CREATE TABLE "latency_exemplars" (
    "series_key" TEXT NOT NULL,
    "start" TIMESTAMPTZ(3) NOT NULL,
    "exemplars" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "latency_exemplars_pkey" PRIMARY KEY ("series_key","start")
);

-- CreateIndex
CREATE INDEX "latency_exemplars_start_idx" ON "latency_exemplars"("start");


-- Merges two exemplar sets with the rule of lib/telemetry/exemplars.ts (chooseExemplars): each call
-- once, the first 3 errors by time, then the 5 slowest of the others (ties by span id).
CREATE FUNCTION "edgewise_merge_exemplars"(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  WITH calls AS (
    SELECT DISTINCT ON (x->>'traceId', x->>'spanId') x
    FROM jsonb_array_elements(coalesce(a, '[]'::jsonb) || coalesce(b, '[]'::jsonb)) AS x
  ), errors AS (
    SELECT x FROM calls WHERE (x->>'error')::boolean ORDER BY (x->>'atMs')::float8, x->>'spanId' LIMIT 3
  ), slowest AS (
    SELECT x FROM calls WHERE x NOT IN (SELECT x FROM errors) ORDER BY (x->>'durationMs')::float8 DESC, x->>'spanId' LIMIT 5
  )
  SELECT coalesce(jsonb_agg(x), '[]'::jsonb) FROM (SELECT x FROM errors UNION ALL SELECT x FROM slowest) AS chosen
$$;
