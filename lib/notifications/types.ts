// The shapes shared by the notification pipeline: events (written to the outbox by the state
// changes that cause them), channels (where they go) and the outcome of one delivery attempt.
// The outbox, rules and queue (lib/notifications/*) and the senders (lib/notifications/senders/*)
// meet here and nowhere else.

export const EVENT_TYPES = [
  "slo.alert",
  "integration.status",
  "drift.detected",
  "finding.opened",
  "finding.resolved",
  "decision.review_requested",
  "decision.accepted",
  "waiver.expiring",
  "test",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Events that open and close an episode carry a state; one-off events (a review request) do not. */
export type EventState = "firing" | "resolved";

/** Ordered from most to least urgent; a rule's `minSeverity` keeps events at or above it. */
export const EVENT_SEVERITIES = ["critical", "warning", "info"] as const;
export type EventSeverity = (typeof EVENT_SEVERITIES)[number];

export const atLeast = (severity: EventSeverity, min: EventSeverity) => EVENT_SEVERITIES.indexOf(severity) <= EVENT_SEVERITIES.indexOf(min);

export interface NotificationEvent {
  /** Stable and deterministic for the episode and transition it reports, so a re-run dedupes. */
  id: string;
  type: EventType;
  state: EventState | null;
  severity: EventSeverity;
  /** ISO-8601. */
  occurredAt: string;
  summary: string;
  /** Absolute URL into the app. */
  link: string;
  integration: string | null;
  team: string | null;
  decision: number | null;
  /** The figures behind the event (burn rates and windows, p99 vs budget, the finding's rule …). */
  data: Record<string, unknown>;
}

export const CHANNEL_KINDS = ["webhook", "slack", "alertmanager"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** What a sender needs to reach a channel; the secret is decrypted by the caller. */
export interface ChannelTarget {
  kind: ChannelKind;
  url: string;
  /** Webhook signing secret (HMAC-SHA256); null for kinds that do not sign. */
  secret: string | null;
}

export type AttemptOutcome =
  | { ok: true; status: number; durationMs: number }
  | {
      ok: false;
      /** False for answers that will not change on a retry (4xx other than 408 and 429). */
      retry: boolean;
      status: number | null;
      error: string;
      durationMs: number;
      /** From a `Retry-After` header, when the receiver sent one. */
      retryAfterMs: number | null;
    };

export interface SendOptions {
  timeoutMs: number;
  /** Public base URL of the app, for links and Alertmanager's generatorURL. */
  appUrl: string;
}
