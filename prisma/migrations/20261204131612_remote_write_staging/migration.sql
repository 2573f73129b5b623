-- CreateTable
CREATE TABLE "remote_write_staging" (
    "series_hash" TEXT NOT NULL,
    "timestamp_ms" BIGINT NOT NULL,
    "part" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "shape" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "remote_write_staging_pkey" PRIMARY KEY ("series_hash","timestamp_ms","part")
);

-- CreateIndex
CREATE INDEX "remote_write_staging_received_at_idx" ON "remote_write_staging"("received_at");

