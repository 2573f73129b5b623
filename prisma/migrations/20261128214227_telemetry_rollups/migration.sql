-- CreateTable
CREATE TABLE "telemetry_rollups" (
    "resolution" TEXT NOT NULL,
    "rolled_until" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "telemetry_rollups_pkey" PRIMARY KEY ("resolution")
);


-- Hand-written below this line: an aggregate over the merge function, so a rollup is one GROUP BY.
CREATE AGGREGATE "edgewise_histogram_agg"(jsonb) (
  SFUNC = "edgewise_merge_histogram",
  STYPE = jsonb,
  INITCOND = '{"zero": 0, "count": 0, "sumMs": 0, "minMs": null, "maxMs": null, "buckets": {}}'
);
