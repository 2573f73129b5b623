// The logical calls of the pairing window, in PostgreSQL (retry_calls): a batch's attempts are grouped
// with the calls stored by earlier batches by the commit's own statement (ingest-store.ts, addCalls),
// under the calls' row locks. Here: how long a call is remembered, and forgetting it.
import "server-only";
import { db } from "@/lib/db/client";

/** How long a logical call waits for more of its attempts; later ones count as a call of their own. */
export const RETRY_WINDOW_MS = 3_600_000;

/** Forgets calls silent for the pairing window. */
export async function pruneRetryCalls(now = new Date()): Promise<number> {
  return db().$executeRaw`DELETE FROM retry_calls WHERE updated_at < ${new Date(now.getTime() - RETRY_WINDOW_MS)}`;
}
