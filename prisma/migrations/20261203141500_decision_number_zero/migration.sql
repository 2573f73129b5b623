-- Record numbers may be 0: MADR's own decision log (and many that follow its template) starts at 0000.
ALTER TABLE "decision_records" DROP CONSTRAINT "decision_records_number_check";
ALTER TABLE "decision_records" ADD CONSTRAINT "decision_records_number_check" CHECK ("number" >= 0);
