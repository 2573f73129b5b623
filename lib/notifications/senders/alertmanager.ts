// Alertmanager's v2 API (POST /api/v2/alerts), so teams keep their existing routing to PagerDuty or
// Opsgenie. Alertmanager identifies an alert by its label set: the firing and the resolved event of one
// episode must carry the same labels (so `severity` is the episode's, not the moment's), and nothing
// that changes within an episode (state, figures, time) may be a label.
import { SLO_ALERT_NAME } from "@/lib/slo/burn-rate";
import type { ChannelTarget, EventType, NotificationEvent, SendOptions } from "../types";
import { absoluteLink, figureLines, isResolved } from "./describe";
import { USER_AGENT, type OutgoingRequest } from "./http";

export const ALERT_NAMES: Record<EventType, string> = {
  "slo.alert": SLO_ALERT_NAME,
  "integration.status": "EdgewiseIntegrationStatus",
  "drift.detected": "EdgewiseDriftDetected",
  "finding.opened": "EdgewiseFinding",
  "finding.resolved": "EdgewiseFinding",
  "decision.review_requested": "EdgewiseDecisionReviewRequested",
  "decision.accepted": "EdgewiseDecisionAccepted",
  "waiver.expiring": "EdgewiseWaiverExpiring",
  test: "EdgewiseTest",
};

/**
 * Alertmanager resolves an alert posted without endsAt after its resolve_timeout (5 min by default),
 * expecting the sender to re-post it like Prometheus does every minute. Edgewise posts once per
 * transition, so a firing alert states how long it holds: a day, after which it expires on its own if
 * the resolved event never arrives (Edgewise gone) rather than paging forever.
 */
export const FIRING_HOLD_MS = 24 * 3_600_000;
/** One-off events (a review request, a test) are shown briefly and end on their own. */
export const ONE_OFF_MS = 15 * 60_000;

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : null);

export function alertLabels(event: NotificationEvent): Record<string, string> {
  const candidates: Record<string, string | null> = {
    alertname: ALERT_NAMES[event.type],
    integration: event.integration,
    team: event.team,
    severity: event.severity,
    objective: text(event.data.objective),
    // These keep distinct episodes apart when integration and team alone would merge them.
    rule: text(event.data.rule),
    decision: event.decision === null ? null : String(event.decision),
  };
  if (event.type === "test") candidates.event_id = event.id;
  // An empty label is the same as no label in Alertmanager's model; leave absent ones out.
  return Object.fromEntries(Object.entries(candidates).filter((entry): entry is [string, string] => entry[1] !== null && entry[1] !== ""));
}

/** The alert for one event (Alertmanager takes a list; Edgewise sends one per event). */
export function alertFor(event: NotificationEvent, appUrl: string) {
  const at = Date.parse(event.occurredAt);
  const description = [event.summary, ...figureLines(event.data)].join("\n");
  const base = { labels: alertLabels(event), annotations: { summary: event.summary, description }, generatorURL: absoluteLink(event.link, appUrl) };
  if (isResolved(event)) {
    // Alertmanager keeps the firing alert's startsAt; the episode's start (data.since) is for one it never saw.
    const since = text(event.data.since);
    return since && !Number.isNaN(Date.parse(since)) ? { ...base, startsAt: since, endsAt: event.occurredAt } : { ...base, endsAt: event.occurredAt };
  }
  const holdMs = event.state === "firing" || event.type === "finding.opened" ? FIRING_HOLD_MS : ONE_OFF_MS;
  return { ...base, startsAt: event.occurredAt, endsAt: new Date(at + holdMs).toISOString() };
}

/** `{url}/api/v2/alerts` whether or not the configured URL ends in a slash or a path prefix. */
export function alertsUrl(base: string): string {
  return `${base.replace(/\/+$/, "")}/api/v2/alerts`;
}

export function alertmanagerRequest(target: ChannelTarget, event: NotificationEvent, options: Pick<SendOptions, "appUrl">): OutgoingRequest {
  return {
    url: alertsUrl(target.url),
    headers: { "Content-Type": "application/json", "User-Agent": USER_AGENT },
    body: JSON.stringify([alertFor(event, options.appUrl)]),
  };
}
