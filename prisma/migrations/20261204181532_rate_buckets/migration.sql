-- Per-token rate limits shared by every instance (issue 19): one token bucket per key, refilled and
-- debited by one upsert on the database clock; a missing row is a full bucket, so idle rows are pruned.
-- CreateTable
CREATE TABLE "rate_buckets" (
    "key" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "admitted" BOOLEAN NOT NULL,
    "refilled_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "rate_buckets_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "rate_buckets_refilled_at_idx" ON "rate_buckets"("refilled_at");

