// Words for an event that every channel shows the same way: its type's name and its state.
import type { EventType, NotificationEvent } from "../types";

export const EVENT_TITLES: Record<EventType, string> = {
  "slo.alert": "SLO alert",
  "integration.status": "Integration status",
  "drift.detected": "Drift detected",
  "finding.opened": "Finding opened",
  "finding.resolved": "Finding resolved",
  "decision.review_requested": "Review requested",
  "decision.accepted": "Decision accepted",
  "waiver.expiring": "Waiver expiring",
  test: "Test notification",
};

/** finding.resolved closes the episode finding.opened began, whether or not it carries a state. */
export function isResolved(event: NotificationEvent): boolean {
  return event.state === "resolved" || event.type === "finding.resolved";
}

/** FIRING / RESOLVED for episodes, nothing for one-off events. */
export function stateWord(event: NotificationEvent): string | null {
  if (isResolved(event)) return "RESOLVED";
  return event.state === "firing" || event.type === "finding.opened" ? "FIRING" : null;
}

/** The event's scalar figures as `name: value` lines, in a stable order (nested values as compact JSON). */
export function figureLines(data: Record<string, unknown>, limit = 20): string[] {
  return Object.keys(data)
    .sort()
    .slice(0, limit)
    .map((name) => {
      const value = data[name];
      return `${name}: ${typeof value === "string" ? value : JSON.stringify(value)}`;
    });
}

/** The event's link as an absolute URL: builders of events should give one, but a path is resolved against the app. */
export function absoluteLink(link: string, appUrl: string): string {
  try {
    return new URL(link, appUrl).toString();
  } catch {
    return link;
  }
}
