// Realistic events for tests, the demo receiver's self-check and the docs: one firing SLO page and its resolution.
import type { NotificationEvent } from "../types";

export function sampleEvent(overrides: Partial<NotificationEvent> = {}): NotificationEvent {
  return {
    id: "slo.alert:checkout->payments:authorize:availability:2026-12-03T12:00:00.000Z:firing",
    type: "slo.alert",
    state: "firing",
    severity: "critical",
    occurredAt: "2026-12-03T12:00:00.000Z",
    summary: "checkout->payments:authorize is burning its error budget at 15.2× (page)",
    link: "https://edgewise.example.com/integrations/checkout-%3Epayments%3Aauthorize",
    integration: "checkout->payments:authorize",
    team: "payments-team",
    decision: null,
    data: { objective: "availability", alert: "page", burnRates: { "1h": 15.2, "5m": 21.4 }, windowDays: 28, successTargetPercent: 99.95 },
    ...overrides,
  };
}
