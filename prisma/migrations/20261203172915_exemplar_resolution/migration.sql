-- AlterTable
ALTER TABLE "latency_exemplars" DROP CONSTRAINT "latency_exemplars_pkey",
ADD COLUMN     "resolution" TEXT NOT NULL DEFAULT 'minute',
ADD CONSTRAINT "latency_exemplars_pkey" PRIMARY KEY ("series_key", "resolution", "start");


-- What an hour or a day keeps of its finer exemplars (lib/telemetry/exemplars.ts, rollUpExemplars):
-- each call once; of its errors by time, the first of each of 3 equal runs (a sample spread over the
-- period); then the 5 slowest of the others (ties by span id).
CREATE FUNCTION "edgewise_rollup_exemplars"(a jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  WITH calls AS (
    SELECT DISTINCT ON (x->>'traceId', x->>'spanId') x
    FROM jsonb_array_elements(coalesce(a, '[]'::jsonb)) AS x
  ), runs AS (
    SELECT x, ntile(3) OVER (ORDER BY (x->>'atMs')::float8, x->>'spanId') AS run,
           row_number() OVER (ORDER BY (x->>'atMs')::float8, x->>'spanId') AS n
    FROM calls WHERE (x->>'error')::boolean
  ), errors AS (
    SELECT DISTINCT ON (run) x, n FROM runs ORDER BY run, n
  ), slowest AS (
    SELECT x FROM calls WHERE x NOT IN (SELECT x FROM errors) ORDER BY (x->>'durationMs')::float8 DESC, x->>'spanId' LIMIT 5
  )
  SELECT coalesce(jsonb_agg(x), '[]'::jsonb) FROM (SELECT x FROM (SELECT x, n FROM errors ORDER BY n) AS e UNION ALL SELECT x FROM slowest) AS chosen
$$;
