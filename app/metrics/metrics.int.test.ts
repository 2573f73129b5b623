// GET /metrics through its real route handler, checked by Debian's promtool and scraped by a real
// Prometheus; and the exported Prometheus rule file, checked by promtool and evaluated by that
// Prometheus over a spanmetrics-shaped target until the burn-rate alerts fire.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createToken } from "@/lib/auth/api-tokens";
import { systemActor } from "@/lib/auth/actor";
import type { Scope } from "@/lib/auth/permissions";
import { exportCatalog } from "@/lib/catalog/as-code/import";
import { createIntegration } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { forgetEstateSnapshot } from "@/lib/metrics/estate-metrics";
import { createChannel, createRule } from "@/lib/notifications/channels";
import { recordEvents } from "@/lib/notifications/outbox";
import { sampleEvent } from "@/lib/notifications/senders/sample-events";
import { refreshHealth } from "@/lib/slo/health";
import { emptyHistogram, record } from "@/lib/telemetry/histogram";
import { actorFor, makeService, makeTeam, makeUser, syncDeclaration } from "@/scripts/test/factories";
import { useOwnDatabase } from "@/scripts/test/own-database";
import { checkRules, prometheusMissing, promtool, serve, startPrometheus, type RunningPrometheus } from "@/scripts/test/prometheus";
import { GET as latencyApi } from "../api/integrations/[key]/latency/route";
import { GET } from "./route";

// The estate gauges cover every live integration point: a database of its own keeps them known.
useOwnDatabase("metrics");

const MINUTE = 60_000;
const HOUR = 3_600_000;
const NOW = new Date(Math.floor(Date.now() / MINUTE) * MINUTE);
/** The last full hour's start: calls placed in it make one step of the latency API at step=1h. */
const LAST_HOUR = new Date(Math.floor(NOW.getTime() / HOUR) * HOUR - HOUR);
const missing = prometheusMissing();
if (missing) console.warn(`Skipping the Prometheus checks in metrics.int.test.ts: ${missing}`);

async function tokenFor(scopes: Scope[]) {
  const user = await makeUser("viewer");
  return (await createToken(systemActor("test"), { name: "t", scopes, userEmail: user.email })).token;
}
const scrape = (token?: string) =>
  GET(new NextRequest("http://localhost/metrics", { headers: token ? { authorization: `Bearer ${token}` } : {} }), { params: Promise.resolve({}) });

async function bucket(integrationId: string, start: Date, spread: [number, number][], errors = 0) {
  const h = emptyHistogram();
  for (const [ms, calls] of spread) record(h, ms, calls);
  await db().$executeRaw`INSERT INTO latency_buckets (series_key, resolution, start, count, errors, histogram)
    VALUES (${integrationId}, 'minute', ${start}, ${h.count}, ${errors}, ${JSON.stringify(h)}::jsonb)`;
}

/** One sample line's value from an exposition, by metric name and exact label set. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    const [, inside = "", value = ""] = /^[^{]+\{(.*)\} (\S+)$/.exec(line) ?? [];
    const parts = inside.split(/,(?=[a-z_]+=")/);
    if (parts.length === wanted.length && wanted.every((w) => parts.includes(w))) return Number(value);
  }
  return undefined;
}

describe("GET /metrics", () => {
  let key = "";
  let team = "";
  let integrationId = "";

  beforeAll(async () => {
    const t = await makeTeam();
    team = t.slug;
    const [a, b] = [await makeService(t.id), await makeService(t.id)];
    const { view } = await createIntegration(systemActor("test"), syncDeclaration(a.slug, b.slug, { operation: "quote", slo: { successTargetPercent: 99.9, latencyTargetPercent: 99, windowDays: 28 } }));
    key = view.key;
    integrationId = view.id;
    // Ten minutes of 100 calls, all in the last full hour, 5 of them over the 100 ms budget, 2 errors in all.
    for (let m = 0; m < 10; m++) await bucket(view.id, new Date(LAST_HOUR.getTime() + m * MINUTE), [[20, 95], [300, 5]], m === 0 ? 2 : 0);
    await refreshHealth(new Date(NOW.getTime() + 30_000));
    forgetEstateSnapshot();
  });

  it("answers 401 without a token and 403 for a token without metrics:read", async () => {
    expect((await scrape("ew_not-a-token")).status).toBe(401);
    const res = await scrape(await tokenFor(["catalog:read"]));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });
  });

  it("answers without a token when EDGEWISE_METRICS_PUBLIC=1", async () => {
    // The environment is parsed once per module instance: a fresh one reads the flag.
    vi.resetModules();
    process.env.EDGEWISE_METRICS_PUBLIC = "1";
    try {
      const { GET: publicGet } = (await import("./route")) as { GET: typeof GET };
      const res = await publicGet(new NextRequest("http://localhost/metrics"), { params: Promise.resolve({}) });
      expect(res.status).toBe(200);
      expect(sample(await res.text(), "edgewise_integration_budget_p99_seconds", { integration: key, team })).toBe(0.1);
    } finally {
      delete process.env.EDGEWISE_METRICS_PUBLIC;
      vi.resetModules();
    }
    // Off again: an unknown token is refused (public mode would not look at it).
    expect((await scrape("ew_not-a-token")).status).toBe(401);
  });

  it("exposes each integration point's figures as the health refresh computed them", async () => {
    const res = await scrape(await tokenFor(["metrics:read"]));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const [health] = await db().$queryRaw<{ p99_ms_24h: number; status: string; slo: { availability: { burnRates: Record<string, number>; remainingPercent: number } } }[]>`
      SELECT p99_ms_24h, status, slo FROM integration_health WHERE integration_id = ${integrationId}::uuid`;
    const id = { integration: key, team };
    expect(health!.p99_ms_24h).toBeGreaterThan(100);
    expect(sample(text, "edgewise_integration_latency_p99_seconds", id)).toBeCloseTo(health!.p99_ms_24h / 1000, 9);
    expect(sample(text, "edgewise_integration_budget_p99_seconds", id)).toBe(0.1);
    expect(sample(text, "edgewise_slo_burn_rate", { ...id, objective: "availability", window: "1h" })).toBeCloseTo(health!.slo.availability.burnRates["1h"]!, 9);
    // 2 errors in 1,000 calls against 0.1 %: the whole budget and as much again is spent.
    expect(sample(text, "edgewise_slo_error_budget_remaining_ratio", { ...id, objective: "availability" })).toBeCloseTo(health!.slo.availability.remainingPercent / 100, 9);
    expect(sample(text, "edgewise_slo_error_budget_remaining_ratio", { ...id, objective: "availability" })).toBeCloseTo(-1, 9);
    expect(sample(text, "edgewise_integration_status", { ...id, status: health!.status })).toBe(1);
    expect(sample(text, "edgewise_integration_status", { ...id, status: "ok" })).toBe(health!.status === "ok" ? 1 : 0);
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
    expect(text).toMatch(/^edgewise_http_requests_total\{route="\/metrics",method="GET",status="401"\} [1-9]/m);
  });

  it("counts the notification deliveries not yet made, by state, and the oldest one's age", async () => {
    const admin = await actorFor("admin");
    const channel = await createChannel(admin, { name: `metrics-${Date.now()}`, kind: "webhook", url: "http://127.0.0.1:9/hook" });
    const integration = `metrics->queue:${channel.id}`;
    await createRule(admin, { name: "queue depth", events: ["slo.alert"], filters: { integrations: [integration] }, channelId: channel.id, muted: false });
    const events = Array.from({ length: 5 }, (_, i) => sampleEvent({ id: `slo.alert:${integration}:${i}:firing`, integration }));
    await db().$transaction((tx) => recordEvents(tx, events));
    const ids = (await db().notificationDelivery.findMany({ where: { channelId: channel.id }, orderBy: { eventId: "asc" } })).map((d) => d.id);
    expect(ids).toHaveLength(5);
    // Two pending (one of them queued two minutes ago), one waiting, one dead letter, one delivered.
    await db().$executeRaw`UPDATE notification_deliveries SET created_at = now() - interval '120 seconds' WHERE id = ${ids[0]}::uuid`;
    await db().$executeRaw`UPDATE notification_deliveries SET state = 'waiting' WHERE id = ${ids[2]}::uuid`;
    await db().$executeRaw`UPDATE notification_deliveries SET state = 'dead' WHERE id = ${ids[3]}::uuid`;
    await db().$executeRaw`UPDATE notification_deliveries SET state = 'delivered', delivered_at = now() WHERE id = ${ids[4]}::uuid`;
    forgetEstateSnapshot();
    const text = await (await scrape(await tokenFor(["metrics:read"]))).text();
    expect(["pending", "waiting", "dead", "delivered"].map((state) => sample(text, "edgewise_notification_deliveries", { state }))).toEqual([2, 1, 1, undefined]);
    const oldest = Number(/^edgewise_notification_oldest_undelivered_seconds (\S+)$/m.exec(text)?.[1]);
    expect(oldest).toBeGreaterThanOrEqual(120);
    expect(oldest).toBeLessThan(180);
  });

  it.skipIf(missing)("passes promtool check metrics", async () => {
    const text = await (await scrape(await tokenFor(["metrics:read"]))).text();
    const result = promtool(["check", "metrics"], text);
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  });

  describe.skipIf(missing)("scraped by a real Prometheus", () => {
    let prometheus: RunningPrometheus;
    let bridge: Awaited<ReturnType<typeof serve>>;
    beforeAll(async () => {
      // Real HTTP from Prometheus to the route handler.
      bridge = await serve(async (req, res) => {
        const answer = await GET(new NextRequest(`http://localhost${req.url}`, { headers: req.headers as Record<string, string> }), { params: Promise.resolve({}) });
        res.writeHead(answer.status, Object.fromEntries(answer.headers));
        res.end(Buffer.from(await answer.arrayBuffer()));
      });
      // The token in a file beside the config, as the README's scrape_config keeps it.
      prometheus = await startPrometheus(
        `global: { scrape_interval: 1s }
scrape_configs:
  - job_name: edgewise
    authorization: { credentials_file: edgewise-token }
    static_configs: [{ targets: ["${new URL(bridge.url).host}"] }]
`,
        { "edgewise-token": `${await tokenFor(["metrics:read"])}\n` },
      );
    });
    afterAll(async () => {
      await prometheus?.stop();
      await bridge?.close();
    });

    it("reads a known integration point's p99 through Prometheus' query API, as Edgewise's latency API gives it", async () => {
      const [health] = await db().$queryRaw<{ p99_ms_24h: number }[]>`SELECT p99_ms_24h FROM integration_health WHERE integration_id = ${integrationId}::uuid`;
      const value = await prometheus.waitFor(`edgewise_integration_latency_p99_seconds{integration="${key}"}`, (r) => (r[0] ? Number(r[0].value[1]) : undefined));
      expect(value).toBeCloseTo(health!.p99_ms_24h / 1000, 9);
      // Every call of the last 24 hours lies in one hour: the latency API's step for that hour has them all.
      const range = new URLSearchParams({ from: LAST_HOUR.toISOString(), to: new Date(LAST_HOUR.getTime() + HOUR).toISOString(), step: "1h" });
      const res = await latencyApi(new NextRequest(`http://localhost/api/integrations/${encodeURIComponent(key)}/latency?${range}`, { headers: { authorization: `Bearer ${await tokenFor(["catalog:read"])}` } }), { params: Promise.resolve({ key }) });
      expect(res.status).toBe(200);
      const { series } = (await res.json()) as { series: { count: number; p99: number }[] };
      expect(series).toHaveLength(1);
      expect(series[0]!.count).toBe(1000);
      // The API rounds to a microsecond; 5 % of the calls took 300 ms, so the p99 is theirs, over budget.
      expect(series[0]!.p99).toBeGreaterThan(100);
      expect(Math.abs(value! * 1000 - series[0]!.p99)).toBeLessThanOrEqual(0.0005);
      const up = await prometheus.query(`up{job="edgewise"}`);
      expect(up[0]?.value[1]).toBe("1");
    });
  });
});

describe.skipIf(missing)("the exported Prometheus rule file", () => {
  it("passes promtool check rules and fires its burn-rate alerts in a real Prometheus", async () => {
    const t = await makeTeam();
    const [a, b] = [await makeService(t.id), await makeService(t.id)];
    const slo = { successTargetPercent: 99.9, latencyTargetPercent: 99, windowDays: 28 };
    const good = (await createIntegration(systemActor("test"), syncDeclaration(a.slug, b.slug, { operation: "quote", slo }))).view;
    // 120 ms is no bucket boundary of the target below: its latency SLI cannot be computed.
    const odd = (await createIntegration(systemActor("test"), syncDeclaration(b.slug, a.slug, { operation: "back", slo, budget: { p50Ms: 10, p95Ms: 50, p99Ms: 120 } }))).view;
    const rules = await exportCatalog(systemActor("test"), "prometheus-rules", "http://edgewise.test", "collector");
    const checked = checkRules(rules);
    // 19 per synchronous integration point (14 recording rules, 4 burn alerts, 1 missing-bucket alert) × the file's 3.
    expect(checked.output).toContain("SUCCESS: 57 rules found");
    expect(checked.status).toBe(0);

    // A spanmetrics-shaped target: every scrape adds 100 calls per edge, 5 of them errors and 5 over 100 ms.
    let scrapes = 0;
    const target = await serve((_req, res) => {
      scrapes += 1;
      const n = scrapes;
      const lines = ["# TYPE traces_span_metrics_duration_milliseconds histogram"];
      for (const [service, peer] of [[a.slug, b.slug], [b.slug, a.slug]]) {
        for (const [status, le50, le250] of [["STATUS_CODE_UNSET", 90, 95], ["STATUS_CODE_ERROR", 5, 5]] as const) {
          const labels = `service_name="${service}",span_name="x",span_kind="SPAN_KIND_CLIENT",status_code="${status}",peer_service="${peer}"`;
          for (const [le, count] of [["50", le50], ["100", le50], ["250", le250], ["+Inf", le250]] as const) lines.push(`traces_span_metrics_duration_milliseconds_bucket{${labels},le="${le}"} ${count * n}`);
          lines.push(`traces_span_metrics_duration_milliseconds_sum{${labels}} ${le250 * n * 30}`, `traces_span_metrics_duration_milliseconds_count{${labels}} ${le250 * n}`);
        }
      }
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
      res.end(`${lines.join("\n")}\n`);
    });
    const prometheus = await startPrometheus(
      `global: { scrape_interval: 1s, evaluation_interval: 1s }
rule_files: [rules.yaml]
scrape_configs:
  - job_name: spans
    static_configs: [{ targets: ["${new URL(target.url).host}"] }]
`,
      { "rules.yaml": rules },
    );
    try {
      const alerts = (r: { metric: Record<string, string> }[]) => r.map((x) => `${x.metric.integration} ${x.metric.alertname} ${x.metric.objective} ${x.metric.severity} ${x.metric.alertstate}`).sort();
      const fired = await prometheus.waitFor(`ALERTS{integration="${good.key}"}`, (r) => (alerts(r).length >= 2 ? alerts(r) : undefined));
      // 5 % errors burns a 99.9 % budget at 50×: a page. 5 % slow burns a 99 % one at 5×: a ticket, not a page.
      expect(fired).toEqual([`${good.key} EdgewiseSloAlert availability critical firing`, `${good.key} EdgewiseSloAlert latency warning firing`]);
      const ratio = await prometheus.query(`edgewise:sli_error:ratio_rate5m{integration="${good.key}"}`);
      expect(Object.fromEntries(ratio.map((r) => [r.metric.objective, Number(r.value[1])]))).toEqual({ availability: expect.closeTo(0.05, 9), latency: expect.closeTo(0.05, 9) });
      expect(ratio[0]?.metric.team).toBe(t.slug);
      // The odd budget: availability still alerts, the latency SLI is missing and says so (pending for 15 m).
      const oddAlerts = await prometheus.waitFor(`ALERTS{integration="${odd.key}"}`, (r) => (alerts(r).length >= 2 ? alerts(r) : undefined));
      expect(oddAlerts).toEqual([`${odd.key} EdgewiseLatencySliMissingBucket latency warning pending`, `${odd.key} EdgewiseSloAlert availability critical firing`]);
    } finally {
      await prometheus.stop();
      await target.close();
    }
  }, 90_000);
});
