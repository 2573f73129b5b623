import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { webhookPayload, webhookRequest } from "./webhook";
import { sampleEvent } from "./sample-events";

const appUrl = "https://edgewise.example.com";

describe("webhook payload", () => {
  it("is exactly {id, type, state, occurredAt, summary, link, integration, team, data}, in that order", () => {
    const event = sampleEvent();
    const payload = webhookPayload(event, appUrl);
    expect(Object.keys(payload)).toEqual(["id", "type", "state", "occurredAt", "summary", "link", "integration", "team", "data"]);
    expect(payload).toEqual({
      id: event.id,
      type: "slo.alert",
      state: "firing",
      occurredAt: "2026-12-03T12:00:00.000Z",
      summary: event.summary,
      link: event.link,
      integration: "checkout->payments:authorize",
      team: "payments-team",
      data: event.data,
    });
  });
  it("keeps nulls for one-off events and resolves a relative link against the app", () => {
    const payload = webhookPayload(sampleEvent({ type: "decision.review_requested", state: null, integration: null, link: "/decisions/12" }), appUrl);
    expect(payload).toMatchObject({ state: null, integration: null, link: "https://edgewise.example.com/decisions/12" });
  });
});

describe("webhook request", () => {
  it("signs the exact body with the channel secret and keys it by event id", () => {
    const event = sampleEvent();
    const request = webhookRequest({ kind: "webhook", url: "http://127.0.0.1:9099/hook", secret: "whsec_test" }, event, { appUrl });
    expect(request.url).toBe("http://127.0.0.1:9099/hook");
    expect(request.headers).toMatchObject({
      "Content-Type": "application/json",
      "Idempotency-Key": event.id,
      "X-Edgewise-Event": "slo.alert",
      "X-Edgewise-Signature": `sha256=${createHmac("sha256", "whsec_test").update(request.body).digest("hex")}`,
    });
    expect(request.headers["User-Agent"]).toMatch(/^Edgewise-Notifications\//);
    expect(JSON.parse(request.body)).toEqual(webhookPayload(event, appUrl));
  });
  it("sends no signature header for a channel without a secret", () => {
    const request = webhookRequest({ kind: "webhook", url: "http://x.test/", secret: null }, sampleEvent(), { appUrl });
    expect(request.headers).not.toHaveProperty("X-Edgewise-Signature");
  });
});
