// Delivery on pg-boss (a PostgreSQL job queue): the relay moves due deliveries from the outbox into
// the queue, and workers in every server process take jobs from it — pg-boss's SKIP LOCKED fetch
// gives each job to one worker, and the delivery's lease makes a duplicate job harmless. A retry is
// a new job with `startAfter`; the `stately` policy keeps at most one queued job per delivery
// (singletonKey). A job lost with its process expires and is retried by pg-boss; a follow-up job
// lost between commit and send is re-enqueued by the relay once it is overdue.
import "server-only";
import PgBoss from "pg-boss";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { attemptDelivery, deliveryConfig, type DeliveryConfig } from "./delivery";

export const DELIVERY_QUEUE = "notification-delivery";
/** Jobs whose handler kept failing (the database, never the receiver: that is the delivery's own dead state). */
export const FAILED_QUEUE = "notification-delivery-failed";

export interface WorkerOptions {
  config?: Partial<DeliveryConfig>;
  pollMs?: number;
  concurrency?: number;
  /** A delivery overdue this long with no job is enqueued again. */
  staleMs?: number;
}

export interface NotificationWorker {
  boss: PgBoss;
  /** One relay pass now (tests and the bench call it; the worker also runs it every `pollMs`). */
  relay: () => Promise<number>;
  stop: () => Promise<void>;
}

async function enqueue(boss: PgBoss, deliveryId: string, startAfter: Date | null) {
  await boss.send(DELIVERY_QUEUE, { deliveryId }, { singletonKey: deliveryId, ...(startAfter ? { startAfter } : {}) });
}

/** Enqueues deliveries never enqueued, and those overdue by `staleMs` (their job was lost). */
export async function relayDue(boss: PgBoss, staleMs: number, limit = 500): Promise<number> {
  return db().$transaction(async (tx) => {
    const now = new Date();
    const rows = await tx.$queryRaw<{ id: string; next_attempt_at: Date }[]>`
      SELECT id, next_attempt_at FROM notification_deliveries
      WHERE state IN ('pending', 'waiting')
        AND (enqueued_at IS NULL OR (next_attempt_at <= ${now} AND enqueued_at < ${new Date(now.getTime() - staleMs)}))
      ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    for (const r of rows) await enqueue(boss, r.id, r.next_attempt_at > now ? r.next_attempt_at : null);
    if (rows.length) {
      await tx.$executeRaw`
        UPDATE notification_deliveries SET enqueued_at = greatest(next_attempt_at, ${now}), updated_at = now()
        WHERE id = ANY(${rows.map((r) => r.id)}::uuid[])`;
    }
    return rows.length;
  });
}

export async function startNotificationWorker(options: WorkerOptions = {}): Promise<NotificationWorker> {
  const e = env();
  const config = deliveryConfig(options.config);
  const pollMs = options.pollMs ?? e.EDGEWISE_NOTIFY_POLL_MS;
  const concurrency = options.concurrency ?? e.EDGEWISE_NOTIFY_CONCURRENCY;
  const staleMs = options.staleMs ?? Math.max(30_000, 3 * config.timeoutMs);
  const boss = new PgBoss({ connectionString: process.env.DATABASE_URL, max: concurrency + 2, application_name: "edgewise-notifications", schedule: false });
  boss.on("error", (err: Error) => console.error("Notification queue:", err.message));
  await boss.start();
  const queue = {
    policy: "stately" as const,
    // The handler fails only when the database does; pg-boss retries it, then parks the job.
    retryLimit: 5,
    retryDelay: 5,
    retryBackoff: true,
    deadLetter: FAILED_QUEUE,
    // A job held by a process that died is given to another after this.
    expireInSeconds: Math.ceil((config.timeoutMs * 2 + 10_000) / 1000) + 30,
  };
  await boss.createQueue(FAILED_QUEUE);
  await boss.createQueue(DELIVERY_QUEUE, { name: DELIVERY_QUEUE, ...queue });

  const handle = async ([job]: PgBoss.Job<{ deliveryId: string }>[]) => {
    if (!job) return;
    const result = await attemptDelivery(job.data.deliveryId, config);
    const next = result.result === "held" || result.result === "retry" ? result.retryAt : result.result === "skipped" ? result.retryAt : null;
    if (next) await enqueue(boss, job.data.deliveryId, next);
  };
  const pollingIntervalSeconds = Math.max(0.5, pollMs / 1000);
  for (let i = 0; i < concurrency; i++) await boss.work(DELIVERY_QUEUE, { batchSize: 1, pollingIntervalSeconds }, handle);

  let relaying: Promise<number> | null = null;
  const relay = () => (relaying ??= relayDue(boss, staleMs).finally(() => (relaying = null)));
  const timer = setInterval(() => {
    relay().catch((err: unknown) => console.error("Notification relay failed:", err instanceof Error ? err.message : err));
  }, pollMs);
  timer.unref();
  let stopped: Promise<void> | null = null;
  return {
    boss,
    relay,
    stop: () =>
      (stopped ??= (async () => {
        clearInterval(timer);
        await relaying?.catch(() => undefined);
        // Graceful: attempts under way finish and record their outcome before the pool closes.
        await boss.stop({ graceful: true, wait: true, timeout: config.timeoutMs + 5_000 });
      })()),
  };
}
