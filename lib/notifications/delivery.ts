// One attempt at one delivery, as the queue's worker makes it: claim the delivery (a lease, so a
// duplicate job cannot attempt it at the same time), ask the channel's breaker (open: the delivery
// waits without spending an attempt), send, then record the attempt, the breaker and the next step
// (delivered, retry at a jittered backoff or the receiver's Retry-After, or dead) in one transaction.
import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { appUrl } from "./app-url";
import { delayFor, type RetryPolicy } from "./backoff";
import { beginProbe, mayAttempt, onFailure, onSuccess, reopensAt, type BreakerPolicy, type BreakerState } from "./breaker";
import { send as realSend } from "./senders";
import type { AttemptOutcome, ChannelKind, ChannelTarget, EventSeverity, EventState, EventType, NotificationEvent, SendOptions } from "./types";
import { targetOf } from "./channel-secrets";

export interface DeliveryConfig {
  timeoutMs: number;
  retry: RetryPolicy;
  breaker: BreakerPolicy;
  appUrl: string;
  random: () => number;
  send: (target: ChannelTarget, event: NotificationEvent, options: SendOptions) => Promise<AttemptOutcome>;
}

export function deliveryConfig(overrides: Partial<DeliveryConfig> = {}): DeliveryConfig {
  const e = env();
  return {
    timeoutMs: e.EDGEWISE_NOTIFY_TIMEOUT_MS,
    retry: { maxAttempts: e.EDGEWISE_NOTIFY_MAX_ATTEMPTS, baseMs: e.EDGEWISE_NOTIFY_BACKOFF_BASE_MS, capMs: e.EDGEWISE_NOTIFY_BACKOFF_CAP_MS },
    breaker: { failureThreshold: e.EDGEWISE_NOTIFY_BREAKER_FAILURES, openMs: e.EDGEWISE_NOTIFY_BREAKER_OPEN_MS },
    appUrl: appUrl(),
    random: Math.random,
    send: realSend,
    ...overrides,
  };
}

export type AttemptResult =
  /** Not due, already done, or being attempted by another worker; `retryAt`: when it is due, if later. */
  | { result: "skipped"; retryAt: Date | null }
  /** The channel's breaker is open: the delivery waits until the probe time, no attempt spent. */
  | { result: "held"; retryAt: Date }
  | { result: "delivered"; outcome: AttemptOutcome }
  | { result: "retry"; retryAt: Date; outcome: AttemptOutcome }
  | { result: "dead"; outcome: AttemptOutcome };

interface ChannelRow {
  id: string;
  kind: ChannelKind;
  url: string;
  secret_box: string | null;
  breaker_state: BreakerState["state"];
  consecutive_failures: number;
  breaker_opened_at: Date | null;
}

const breakerOf = (c: ChannelRow): BreakerState => ({ state: c.breaker_state, consecutiveFailures: c.consecutive_failures, openedAt: c.breaker_opened_at });

/** The longest an attempt may hold its delivery: its timeout plus slack for the database writes around it. */
const leaseMs = (config: DeliveryConfig) => config.timeoutMs * 2 + 10_000;

export async function attemptDelivery(deliveryId: string, config: DeliveryConfig): Promise<AttemptResult> {
  const started = new Date();
  const claimed = await db().$transaction(async (tx) => {
    const [d] = await tx.$queryRaw<{ event_id: string; channel_id: string; attempts: number }[]>`
      UPDATE notification_deliveries SET lease_until = ${new Date(started.getTime() + leaseMs(config))}, updated_at = now()
      WHERE id = ${deliveryId}::uuid AND state IN ('pending', 'waiting') AND next_attempt_at <= ${started}
        AND (lease_until IS NULL OR lease_until < ${started})
      RETURNING event_id, channel_id, attempts`;
    if (!d) return null;
    const [channel] = await tx.$queryRaw<ChannelRow[]>`
      SELECT id, kind, url, secret_box, breaker_state, consecutive_failures, breaker_opened_at
      FROM notification_channels WHERE id = ${d.channel_id}::uuid FOR UPDATE`;
    if (!channel) return null;
    const breaker = breakerOf(channel);
    const gate = mayAttempt(breaker, started, config.breaker);
    if (!gate.allowed) {
      const retryAt = reopensAt(breaker, config.breaker) ?? new Date(started.getTime() + config.breaker.openMs);
      await tx.$executeRaw`
        UPDATE notification_deliveries SET state = 'waiting', next_attempt_at = ${retryAt}, enqueued_at = ${retryAt}, lease_until = NULL, updated_at = now()
        WHERE id = ${deliveryId}::uuid`;
      return { kind: "held" as const, retryAt };
    }
    if (gate.probe) {
      const probe = beginProbe(breaker, started);
      await tx.$executeRaw`UPDATE notification_channels SET breaker_state = ${probe.state}, breaker_opened_at = ${probe.openedAt}, updated_at = now() WHERE id = ${channel.id}::uuid`;
    }
    const [event] = await tx.$queryRaw<EventRow[]>`SELECT * FROM notification_events WHERE id = ${d.event_id}`;
    return { kind: "claimed" as const, delivery: d, channel, event: event! };
  });
  if (!claimed) return { result: "skipped", retryAt: await dueAt(deliveryId, started) };
  if (claimed.kind === "held") return { result: "held", retryAt: claimed.retryAt };

  const { channel, event, delivery } = claimed;
  let outcome: AttemptOutcome;
  try {
    const target: ChannelTarget = targetOf(channel.kind, channel.url, channel.secret_box);
    outcome = await config.send(target, toEvent(event), { timeoutMs: config.timeoutMs, appUrl: config.appUrl });
  } catch (err) {
    // The senders never throw; a secret that no longer decrypts (the app secret changed) is permanent.
    outcome = { ok: false, retry: false, status: null, error: err instanceof Error ? err.message : String(err), durationMs: 0, retryAfterMs: null };
  }
  const finished = new Date();
  const attempts = delivery.attempts + 1;
  const delay = delayFor(outcome, attempts, config.retry, config.random);
  const retryAt = delay === null ? null : new Date(finished.getTime() + delay);
  const state = outcome.ok ? "delivered" : retryAt ? "waiting" : "dead";
  // The senders already write "HTTP 410: gone"; only an error without its status gets it prefixed.
  const error = outcome.ok ? null : outcome.status === null || outcome.error.startsWith(`HTTP ${outcome.status}`) ? outcome.error : `HTTP ${outcome.status}${outcome.error ? `: ${outcome.error}` : ""}`;

  await db().$transaction(async (tx) => {
    const [c] = await tx.$queryRaw<ChannelRow[]>`
      SELECT id, kind, url, secret_box, breaker_state, consecutive_failures, breaker_opened_at FROM notification_channels WHERE id = ${channel.id}::uuid FOR UPDATE`;
    if (c) {
      const next = outcome.ok ? onSuccess(breakerOf(c)) : onFailure(breakerOf(c), finished, config.breaker);
      await tx.$executeRaw`
        UPDATE notification_channels SET breaker_state = ${next.state}, consecutive_failures = ${next.consecutiveFailures}, breaker_opened_at = ${next.openedAt},
          last_success_at = CASE WHEN ${outcome.ok} THEN ${finished} ELSE last_success_at END,
          last_failure_at = CASE WHEN ${outcome.ok} THEN last_failure_at ELSE ${finished} END,
          last_error = CASE WHEN ${outcome.ok} THEN last_error ELSE ${error} END, updated_at = now()
        WHERE id = ${c.id}::uuid`;
    }
    await tx.$executeRaw`
      INSERT INTO notification_attempts (delivery_id, at, ok, status, error, duration_ms)
      VALUES (${deliveryId}::uuid, ${started}, ${outcome.ok}, ${outcome.status}, ${outcome.ok ? null : outcome.error}, ${Math.round(outcome.durationMs)})`;
    await tx.$executeRaw`
      UPDATE notification_deliveries SET state = ${state}, attempts = ${attempts}, lease_until = NULL, updated_at = now(),
        last_error = ${error}, delivered_at = ${outcome.ok ? finished : null},
        next_attempt_at = coalesce(${retryAt}::timestamptz, next_attempt_at), enqueued_at = coalesce(${retryAt}::timestamptz, enqueued_at)
      WHERE id = ${deliveryId}::uuid`;
  });
  if (outcome.ok) return { result: "delivered", outcome };
  return retryAt ? { result: "retry", retryAt, outcome } : { result: "dead", outcome };
}

/** When a delivery that could not be claimed becomes due (null: it is done, or due now and held by another worker). */
async function dueAt(deliveryId: string, now: Date): Promise<Date | null> {
  const [d] = await db().$queryRaw<{ state: string; next_attempt_at: Date; lease_until: Date | null }[]>`
    SELECT state, next_attempt_at, lease_until FROM notification_deliveries WHERE id = ${deliveryId}::uuid`;
  if (!d || d.state === "delivered" || d.state === "dead") return null;
  const at = Math.max(d.next_attempt_at.getTime(), d.lease_until?.getTime() ?? 0);
  return at > now.getTime() ? new Date(at) : null;
}

export interface EventRow {
  id: string;
  type: EventType;
  state: EventState | null;
  severity: EventSeverity;
  occurred_at: Date;
  summary: string;
  link: string;
  integration: string | null;
  team: string | null;
  decision: number | null;
  data: Record<string, unknown>;
}

export const toEvent = (r: EventRow): NotificationEvent => ({
  id: r.id,
  type: r.type,
  state: r.state,
  severity: r.severity,
  occurredAt: r.occurred_at.toISOString(),
  summary: r.summary,
  link: r.link,
  integration: r.integration,
  team: r.team,
  decision: r.decision,
  data: r.data,
});
