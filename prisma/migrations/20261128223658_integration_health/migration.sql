-- CreateTable
CREATE TABLE "integration_health" (
    "integration_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "reasons" TEXT[],
    "p99_ms_24h" DOUBLE PRECISION,
    "calls_24h" BIGINT NOT NULL,
    "errors_24h" BIGINT NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3),
    "burn_rate_1h" DOUBLE PRECISION NOT NULL,
    "slo" JSONB NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "integration_health_pkey" PRIMARY KEY ("integration_id")
);

-- CreateIndex
CREATE INDEX "integration_health_status_idx" ON "integration_health"("status");

-- CreateIndex
CREATE INDEX "integration_health_burn_rate_1h_idx" ON "integration_health"("burn_rate_1h");



-- Hand-written below this line: health goes with its integration point, and holds only known statuses.
ALTER TABLE "integration_health"
  ADD CONSTRAINT "integration_health_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integration_points"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  ADD CONSTRAINT "integration_health_status_check" CHECK ("status" IN ('ok', 'warning', 'breaching', 'no-data', 'silent'));
