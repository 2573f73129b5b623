-- AlterTable
ALTER TABLE "latency_buckets" ADD COLUMN     "approximate_count" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "metric_series_state" (
    "series_hash" TEXT NOT NULL,
    "state" JSONB,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "metric_series_state_pkey" PRIMARY KEY ("series_hash")
);

-- CreateTable
CREATE TABLE "ingest_counts" (
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "signal" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "count" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ingest_counts_pkey" PRIMARY KEY ("signal","outcome","minute")
);

-- CreateIndex
CREATE INDEX "metric_series_state_updated_at_idx" ON "metric_series_state"("updated_at");

-- CreateIndex
CREATE INDEX "ingest_counts_minute_idx" ON "ingest_counts"("minute");



-- Hand-written below this line.
ALTER TABLE "latency_buckets" ADD CONSTRAINT "latency_buckets_approximate_check" CHECK ("approximate_count" >= 0 AND "approximate_count" <= "count");
ALTER TABLE "ingest_counts" ADD CONSTRAINT "ingest_counts_check" CHECK ("signal" IN ('traces', 'metrics') AND "count" >= 0);
