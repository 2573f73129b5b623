-- A logical call's state before the latest upsert, written by that upsert: grouping a batch's attempts
-- becomes one INSERT … ON CONFLICT DO UPDATE … RETURNING (under the row's lock) instead of placeholder
-- rows, a SELECT … FOR UPDATE and an UPDATE. prev_spans 0: the call was new.
ALTER TABLE "retry_calls" ADD COLUMN     "prev_minute" TIMESTAMPTZ(3),
ADD COLUMN     "prev_spans" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "prev_max_resend" INTEGER NOT NULL DEFAULT -1;
