-- CreateTable
CREATE TABLE "journeys" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "team_id" UUID NOT NULL,
    "budget_p99_ms" DOUBLE PRECISION NOT NULL,
    "criticality" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "journeys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "journey_steps" (
    "journey_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "integration_id" UUID NOT NULL,

    CONSTRAINT "journey_steps_pkey" PRIMARY KEY ("journey_id","position")
);

-- CreateTable
CREATE TABLE "policy_settings" (
    "rule_id" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "thresholds" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "policy_settings_pkey" PRIMARY KEY ("rule_id")
);

-- CreateTable
CREATE TABLE "waivers" (
    "id" UUID NOT NULL,
    "rule_id" TEXT NOT NULL,
    "integration_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "decision_number" INTEGER,
    "granted_by_id" UUID,
    "granted_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by" TEXT,

    CONSTRAINT "waivers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scorecard_snapshots" (
    "team_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "total" INTEGER NOT NULL,
    "passing" INTEGER NOT NULL,
    "level" TEXT NOT NULL,
    "counts" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scorecard_snapshots_pkey" PRIMARY KEY ("team_id","day")
);

-- CreateIndex
CREATE UNIQUE INDEX "journeys_slug_key" ON "journeys"("slug");

-- CreateIndex
CREATE INDEX "journey_steps_integration_id_idx" ON "journey_steps"("integration_id");

-- CreateIndex
CREATE INDEX "waivers_integration_id_idx" ON "waivers"("integration_id");

-- CreateIndex
CREATE INDEX "waivers_rule_id_idx" ON "waivers"("rule_id");

-- AddForeignKey
ALTER TABLE "journeys" ADD CONSTRAINT "journeys_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "journey_steps" ADD CONSTRAINT "journey_steps_journey_id_fkey" FOREIGN KEY ("journey_id") REFERENCES "journeys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "journey_steps" ADD CONSTRAINT "journey_steps_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integration_points"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "waivers" ADD CONSTRAINT "waivers_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integration_points"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scorecard_snapshots" ADD CONSTRAINT "scorecard_snapshots_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written below this line.
ALTER TABLE "journeys" ADD CONSTRAINT "journeys_criticality_check" CHECK ("criticality" IN ('critical', 'high', 'medium', 'low')),
  ADD CONSTRAINT "journeys_budget_check" CHECK ("budget_p99_ms" > 0);
ALTER TABLE "scorecard_snapshots" ADD CONSTRAINT "scorecard_snapshots_level_check" CHECK ("level" IN ('none', 'bronze', 'silver', 'gold'));
