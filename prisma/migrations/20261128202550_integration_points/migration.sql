-- CreateTable
CREATE TABLE "integration_points" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "source_service_id" UUID NOT NULL,
    "target_service_id" UUID NOT NULL,
    "operation" TEXT NOT NULL,
    "style" TEXT NOT NULL,
    "protocol" TEXT NOT NULL,
    "criticality" TEXT NOT NULL,
    "lifecycle" TEXT NOT NULL,
    "budget_p50_ms" DOUBLE PRECISION,
    "budget_p95_ms" DOUBLE PRECISION,
    "budget_p99_ms" DOUBLE PRECISION NOT NULL,
    "slo_success_target_percent" DOUBLE PRECISION NOT NULL,
    "slo_latency_target_percent" DOUBLE PRECISION NOT NULL,
    "slo_window_days" INTEGER NOT NULL,
    "semantics" JSONB NOT NULL,
    "tags" TEXT[],
    "description" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "integration_points_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "integration_points_key_key" ON "integration_points"("key");

-- CreateIndex
CREATE INDEX "integration_points_source_service_id_idx" ON "integration_points"("source_service_id");

-- CreateIndex
CREATE INDEX "integration_points_target_service_id_idx" ON "integration_points"("target_service_id");

-- CreateIndex
CREATE INDEX "integration_points_style_idx" ON "integration_points"("style");

-- CreateIndex
CREATE INDEX "integration_points_lifecycle_idx" ON "integration_points"("lifecycle");

-- CreateIndex
CREATE INDEX "integration_points_updated_at_idx" ON "integration_points"("updated_at");

-- AddForeignKey
ALTER TABLE "integration_points" ADD CONSTRAINT "integration_points_source_service_id_fkey" FOREIGN KEY ("source_service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "integration_points" ADD CONSTRAINT "integration_points_target_service_id_fkey" FOREIGN KEY ("target_service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written below this line (Prisma's schema language cannot express these).

-- Closed sets, enforced by the database as well as by the zod schema.
ALTER TABLE "integration_points"
  ADD CONSTRAINT "integration_points_style_check" CHECK ("style" IN ('sync', 'async-event', 'async-command', 'async-queue', 'stream', 'hybrid')),
  ADD CONSTRAINT "integration_points_criticality_check" CHECK ("criticality" IN ('critical', 'high', 'medium', 'low')),
  ADD CONSTRAINT "integration_points_lifecycle_check" CHECK ("lifecycle" IN ('proposed', 'active', 'migrating', 'deprecated', 'retired')),
  ADD CONSTRAINT "integration_points_budget_check" CHECK ("budget_p99_ms" > 0);

-- Full-text search over the key, operation, tags and description ('simple': no stemming of identifiers),
-- kept current by a trigger (array_to_string is not immutable, so a generated column cannot use it).
ALTER TABLE "integration_points" ADD COLUMN "search" tsvector;
CREATE FUNCTION "integration_points_search_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."search" :=
    setweight(to_tsvector('simple', translate(NEW."key", '->:._/', '      ')), 'A') ||
    setweight(to_tsvector('simple', array_to_string(NEW."tags", ' ')), 'B') ||
    setweight(to_tsvector('simple', NEW."description"), 'C');
  RETURN NEW;
END
$$;
CREATE TRIGGER "integration_points_search_trigger" BEFORE INSERT OR UPDATE OF "key", "tags", "description"
  ON "integration_points" FOR EACH ROW EXECUTE FUNCTION "integration_points_search_update"();
CREATE INDEX "integration_points_search_idx" ON "integration_points" USING GIN ("search");
CREATE INDEX "integration_points_tags_idx" ON "integration_points" USING GIN ("tags");
