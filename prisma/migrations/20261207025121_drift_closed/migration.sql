-- CreateTable
CREATE TABLE "drift_closed" (
    "series_key" TEXT NOT NULL,
    "as_of" TEXT NOT NULL,
    "days" JSONB NOT NULL,
    "baseline" JSONB,
    "recent" JSONB,
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "drift_closed_pkey" PRIMARY KEY ("series_key")
);

