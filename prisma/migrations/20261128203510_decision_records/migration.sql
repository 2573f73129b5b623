-- CreateTable
CREATE TABLE "decision_records" (
    "id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "deciders" TEXT[],
    "consulted" TEXT[],
    "informed" TEXT[],
    "tags" TEXT[],
    "author_id" UUID,
    "author_label" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "superseded_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "proposed_at" TIMESTAMPTZ(3),
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "decision_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decision_integrations" (
    "decision_id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,

    CONSTRAINT "decision_integrations_pkey" PRIMARY KEY ("decision_id","integration_id")
);

-- CreateTable
CREATE TABLE "decision_journeys" (
    "decision_id" UUID NOT NULL,
    "journey_id" UUID NOT NULL,

    CONSTRAINT "decision_journeys_pkey" PRIMARY KEY ("decision_id","journey_id")
);

-- CreateTable
CREATE TABLE "decision_revisions" (
    "decision_id" UUID NOT NULL,
    "revision" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "actor_label" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decision_revisions_pkey" PRIMARY KEY ("decision_id","revision")
);

-- CreateTable
CREATE TABLE "decision_reviews" (
    "id" UUID NOT NULL,
    "decision_id" UUID NOT NULL,
    "revision" INTEGER NOT NULL,
    "reviewer_id" UUID NOT NULL,
    "reviewer_label" TEXT NOT NULL,
    "reviewer_role" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decision_reviews_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decision_transitions" (
    "id" UUID NOT NULL,
    "decision_id" UUID NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "actor_id" UUID,
    "actor_label" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decision_transitions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "annotations" (
    "id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "link" TEXT,
    "integration_ids" UUID[],
    "decision_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "annotations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "decision_records_number_key" ON "decision_records"("number");

-- CreateIndex
CREATE INDEX "decision_records_status_idx" ON "decision_records"("status");

-- CreateIndex
CREATE INDEX "decision_integrations_integration_id_idx" ON "decision_integrations"("integration_id");

-- CreateIndex
CREATE INDEX "decision_reviews_decision_id_at_idx" ON "decision_reviews"("decision_id", "at");

-- CreateIndex
CREATE INDEX "decision_transitions_decision_id_at_idx" ON "decision_transitions"("decision_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "annotations_decision_id_key" ON "annotations"("decision_id");

-- CreateIndex
CREATE INDEX "annotations_at_idx" ON "annotations"("at");

-- AddForeignKey
ALTER TABLE "decision_records" ADD CONSTRAINT "decision_records_superseded_by_id_fkey" FOREIGN KEY ("superseded_by_id") REFERENCES "decision_records"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision_integrations" ADD CONSTRAINT "decision_integrations_decision_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "decision_records"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision_integrations" ADD CONSTRAINT "decision_integrations_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integration_points"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision_journeys" ADD CONSTRAINT "decision_journeys_decision_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "decision_records"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision_journeys" ADD CONSTRAINT "decision_journeys_journey_id_fkey" FOREIGN KEY ("journey_id") REFERENCES "journeys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision_revisions" ADD CONSTRAINT "decision_revisions_decision_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "decision_records"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision_reviews" ADD CONSTRAINT "decision_reviews_decision_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "decision_records"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision_transitions" ADD CONSTRAINT "decision_transitions_decision_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "decision_records"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written below this line.
ALTER TABLE "decision_records" ADD CONSTRAINT "decision_records_status_check"
  CHECK ("status" IN ('draft', 'proposed', 'accepted', 'rejected', 'deprecated', 'superseded')),
  ADD CONSTRAINT "decision_records_number_check" CHECK ("number" > 0);
ALTER TABLE "decision_reviews" ADD CONSTRAINT "decision_reviews_verdict_check" CHECK ("verdict" IN ('approve', 'request-changes', 'comment'));
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_kind_check" CHECK ("kind" IN ('decision', 'deploy', 'incident'));
CREATE INDEX "annotations_integration_ids_idx" ON "annotations" USING GIN ("integration_ids");
