-- CreateTable
CREATE TABLE "decision_evidence" (
    "id" UUID NOT NULL,
    "decision_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "actor_label" TEXT NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decision_evidence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "decision_evidence_decision_id_created_at_idx" ON "decision_evidence"("decision_id", "created_at");

-- AddForeignKey
ALTER TABLE "decision_evidence" ADD CONSTRAINT "decision_evidence_decision_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "decision_records"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Evidence is immutable: a stored result is never overwritten (a re-run is a new row).
CREATE FUNCTION decision_evidence_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'decision evidence is immutable' USING ERRCODE = 'P0001';
END;
$$;
CREATE TRIGGER decision_evidence_no_update BEFORE UPDATE ON "decision_evidence" FOR EACH ROW EXECUTE FUNCTION decision_evidence_immutable();
