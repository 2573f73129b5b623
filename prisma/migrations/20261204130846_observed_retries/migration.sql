-- AlterTable
ALTER TABLE "latency_buckets" ADD COLUMN     "attempt_counts" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "throttled" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "retry_calls" (
    "call_key" TEXT NOT NULL,
    "series_key" TEXT NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "spans" INTEGER NOT NULL DEFAULT 0,
    "max_resend" INTEGER NOT NULL DEFAULT -1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "retry_calls_pkey" PRIMARY KEY ("call_key")
);

-- CreateIndex
CREATE INDEX "retry_calls_updated_at_idx" ON "retry_calls"("updated_at");


-- Hand-written: attempt counts ({"attempts per logical call": logical calls}) add key by key, and a
-- key that reaches 0 is dropped (a call moved to another minute leaves nothing behind). Mirrors
-- addAttemptCounts in lib/telemetry/retries.ts.
CREATE FUNCTION "edgewise_add_counts"(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb)
  FROM (
    SELECT k, sum(v::bigint) AS n
    FROM (SELECT * FROM jsonb_each_text(coalesce(a, '{}'::jsonb)) UNION ALL SELECT * FROM jsonb_each_text(coalesce(b, '{}'::jsonb))) AS kv(k, v)
    GROUP BY k
  ) AS summed
  WHERE n <> 0
$$;

CREATE AGGREGATE "edgewise_counts_agg"(jsonb) (
  SFUNC = "edgewise_add_counts",
  STYPE = jsonb,
  INITCOND = '{}'
);
