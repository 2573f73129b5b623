-- CreateTable
CREATE TABLE "async_lag_halves" (
    "ref_trace_id" TEXT NOT NULL,
    "ref_span_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "trace_id" TEXT NOT NULL,
    "span_id" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "start_nanos" BIGINT NOT NULL,
    "error" BOOLEAN NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "async_lag_halves_pkey" PRIMARY KEY ("ref_trace_id","ref_span_id","role","trace_id","span_id")
);

-- CreateIndex
CREATE INDEX "async_lag_halves_received_at_idx" ON "async_lag_halves"("received_at");

