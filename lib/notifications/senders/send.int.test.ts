// The senders against real HTTP receivers on loopback: every way a receiver can answer, or not.
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "@/scripts/test/prometheus";
import type { ChannelTarget } from "../types";
import { send } from "./index";
import { sampleEvent } from "./sample-events";

interface Arrival {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const open: http.Server[] = [];
afterEach(async () => {
  for (const server of open.splice(0)) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

/** A receiver answering with `handler`; records what arrived, body included, before the handler runs. */
async function receiver(handler: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void) {
  const arrivals: Arrival[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      arrivals.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  open.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, arrivals };
}

const options = { timeoutMs: 1000, appUrl: "https://edgewise.example.com" };
const webhook = (url: string, secret: string | null = "whsec_int"): ChannelTarget => ({ kind: "webhook", url: `${url}/hook`, secret });
const answer = (status: number, headers: Record<string, string> = {}, body = "") => (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(status, headers);
  res.end(body);
};

describe("webhook delivery over real HTTP", () => {
  it("200: ok, with the documented body, idempotency key and a signature node:crypto verifies", async () => {
    const r = await receiver(answer(200, {}, "thanks"));
    const event = sampleEvent();
    const outcome = await send(webhook(r.url), event, options);
    expect(outcome).toMatchObject({ ok: true, status: 200 });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
    expect(r.arrivals).toHaveLength(1);
    const [arrival] = r.arrivals as [Arrival];
    expect(arrival.method).toBe("POST");
    expect(arrival.url).toBe("/hook");
    expect(arrival.headers["content-type"]).toBe("application/json");
    expect(arrival.headers["idempotency-key"]).toBe(event.id);
    expect(arrival.headers["user-agent"]).toMatch(/^Edgewise-Notifications\//);
    const expected = `sha256=${createHmac("sha256", "whsec_int").update(Buffer.from(arrival.body, "utf8")).digest("hex")}`;
    expect(arrival.headers["x-edgewise-signature"]).toBe(expected);
    expect(JSON.parse(arrival.body)).toEqual({
      id: event.id,
      type: event.type,
      state: event.state,
      occurredAt: event.occurredAt,
      summary: event.summary,
      link: event.link,
      integration: event.integration,
      team: event.team,
      data: event.data,
    });
  });

  it("204 and 202 are successes too", async () => {
    for (const status of [202, 204]) {
      const r = await receiver(answer(status));
      expect(await send(webhook(r.url), sampleEvent(), options)).toMatchObject({ ok: true, status });
    }
  });

  it("500: retryable, with the answer's first words in the error", async () => {
    const r = await receiver(answer(500, { "Content-Type": "text/plain" }, "database\n  is down"));
    expect(await send(webhook(r.url), sampleEvent(), options)).toMatchObject({ ok: false, retry: true, status: 500, error: "HTTP 500: database is down", retryAfterMs: null });
  });

  it("410: not retried (the receiver is gone for good)", async () => {
    const r = await receiver(answer(410, {}, "channel_is_archived"));
    expect(await send(webhook(r.url), sampleEvent(), options)).toMatchObject({ ok: false, retry: false, status: 410, error: "HTTP 410: channel_is_archived" });
  });

  it("400 and 404 are not retried, 408 is", async () => {
    for (const [status, retry] of [[400, false], [404, false], [408, true]] as const) {
      const r = await receiver(answer(status));
      expect(await send(webhook(r.url), sampleEvent(), options)).toMatchObject({ ok: false, retry, status });
    }
  });

  it("429 with Retry-After in seconds and as an HTTP date", async () => {
    const seconds = await receiver(answer(429, { "Retry-After": "30" }));
    expect(await send(webhook(seconds.url), sampleEvent(), options)).toMatchObject({ ok: false, retry: true, status: 429, retryAfterMs: 30_000 });
    const date = new Date(Date.now() + 120_000);
    date.setMilliseconds(0);
    const dated = await receiver(answer(503, { "Retry-After": date.toUTCString() }));
    const outcome = await send(webhook(dated.url), sampleEvent(), options);
    expect(outcome).toMatchObject({ ok: false, retry: true, status: 503 });
    const ms = outcome.ok ? null : outcome.retryAfterMs;
    expect(ms).toBeGreaterThan(115_000);
    expect(ms).toBeLessThanOrEqual(120_000);
  });

  it("a receiver that hangs past the timeout: aborted, retryable, after about the timeout", async () => {
    const r = await receiver(() => undefined); // never answers
    const outcome = await send(webhook(r.url), sampleEvent(), { ...options, timeoutMs: 300 });
    expect(outcome).toMatchObject({ ok: false, retry: true, status: null, error: "timed out after 300 ms" });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(250);
    expect(r.arrivals).toHaveLength(1);
  });

  it("a receiver that sends headers and then stalls its body is timed out too", async () => {
    const r = await receiver((_req, res) => {
      res.writeHead(200, { "Content-Length": "100" });
      res.write("partial");
    });
    expect(await send(webhook(r.url), sampleEvent(), { ...options, timeoutMs: 300 })).toMatchObject({ ok: false, retry: true, error: "timed out after 300 ms" });
  });

  it("a receiver that destroys the socket: connection reset, retryable", async () => {
    const r = await receiver((req) => req.socket.destroy());
    const outcome = await send(webhook(r.url), sampleEvent(), options);
    expect(outcome).toMatchObject({ ok: false, retry: true, status: null });
    expect(outcome.ok ? "" : outcome.error).toMatch(/^connection reset \((ECONNRESET|UND_ERR_SOCKET)/);
  });

  it("nobody listening: connection refused, retryable", async () => {
    const port = await freePort();
    const outcome = await send(webhook(`http://127.0.0.1:${port}`), sampleEvent(), options);
    expect(outcome).toMatchObject({ ok: false, retry: true, status: null });
    expect(outcome.ok ? "" : outcome.error).toMatch(/^connection refused \(ECONNREFUSED/);
  });

  it("a redirect is not followed and not retried", async () => {
    const target = await receiver(answer(200));
    const r = await receiver(answer(307, { Location: `${target.url}/elsewhere` }));
    const outcome = await send(webhook(r.url), sampleEvent(), options);
    expect(outcome).toMatchObject({ ok: false, retry: false, status: 307 });
    expect(target.arrivals).toHaveLength(0);
  });

  it("a malformed URL or another scheme: not retried, nothing sent", async () => {
    expect(await send({ kind: "webhook", url: "not a url", secret: null }, sampleEvent(), options)).toMatchObject({ ok: false, retry: false, error: "invalid URL" });
    expect(await send({ kind: "webhook", url: "ftp://127.0.0.1/x", secret: null }, sampleEvent(), options)).toMatchObject({ ok: false, retry: false, error: "unsupported URL scheme ftp:" });
  });
});

describe("slack and alertmanager over real HTTP", () => {
  it("slack: posts the message JSON to the incoming-webhook path", async () => {
    const r = await receiver(answer(200, {}, "ok"));
    expect(await send({ kind: "slack", url: `${r.url}/services/T/B/X`, secret: null }, sampleEvent(), options)).toMatchObject({ ok: true, status: 200 });
    const [arrival] = r.arrivals as [Arrival];
    expect(arrival.url).toBe("/services/T/B/X");
    expect(arrival.headers).not.toHaveProperty("x-edgewise-signature");
    const message = JSON.parse(arrival.body) as { text: string; blocks: { type: string }[] };
    expect(message.text).toContain("FIRING");
    expect(message.blocks.at(-1)).toMatchObject({ type: "actions" });
  });
  it("alertmanager: posts a list of alerts to /api/v2/alerts", async () => {
    const r = await receiver(answer(200));
    expect(await send({ kind: "alertmanager", url: `${r.url}/`, secret: null }, sampleEvent(), options)).toMatchObject({ ok: true });
    const [arrival] = r.arrivals as [Arrival];
    expect(arrival.url).toBe("/api/v2/alerts");
    const alerts = JSON.parse(arrival.body) as { labels: Record<string, string> }[];
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.labels.alertname).toBe("EdgewiseSloAlert");
  });
});
