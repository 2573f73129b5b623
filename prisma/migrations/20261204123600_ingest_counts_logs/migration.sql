-- /v1/logs answers and drops log records; what it drops is counted under the signal 'logs'.
ALTER TABLE "ingest_counts" DROP CONSTRAINT "ingest_counts_check";
ALTER TABLE "ingest_counts" ADD CONSTRAINT "ingest_counts_check" CHECK ("signal" IN ('traces', 'metrics', 'logs') AND "count" >= 0);
