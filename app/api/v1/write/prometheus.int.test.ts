// Real parts: Debian's Prometheus scrapes a Tempo-shaped target with known observations and
// remote-writes to /api/v1/write (the real route handler behind a loopback HTTP bridge, a real
// PostgreSQL); the latency API then shows the exact call count, percentiles within the buckets'
// widths, and a counter reset on the target (fresh counts) counted right — with four shards and five
// samples a request, so every histogram's series are split across requests sent at once. The SLO API
// and the drift board then count the same calls.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { latencyQuerySchema, latencySeries } from "@/lib/telemetry/latency";
import { prometheusMissing, serve, startPrometheus } from "@/scripts/test/prometheus";
import { startTarget, type SpanSeries } from "@/scripts/test/spanmetrics-target";
import { actorFor, makeService, makeTeam, makeUser } from "@/scripts/test/factories";
import { systemActor } from "@/lib/auth/actor";
import { createToken } from "@/lib/auth/api-tokens";
import { createIntegration } from "@/lib/catalog/integrations";
import { decodeWriteRequest } from "@/lib/telemetry/remote-write";
import { estateDrift } from "@/lib/slo/drift-board";
import { sloStatus } from "@/lib/slo/status";
import { POST } from "./route";

const missing = prometheusMissing();
if (missing) console.warn(`skipping the real-Prometheus remote-write test: ${missing}`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(missing !== null)("Prometheus remote write into Edgewise", () => {
  it("shows the exact call count and percentiles within bucket widths, across a counter reset", async () => {
    const team = await makeTeam();
    const [a, b] = [await makeService(team.id), await makeService(team.id)];
    const member = await actorFor("member", [team.id]);
    const { view } = await createIntegration(member, { sourceService: a.slug, targetService: b.slug, operation: "call", style: "sync", protocol: "http", budget: { p99Ms: 100 } });
    const user = await makeUser("member");
    const token = (await createToken(systemActor("test"), { name: "prom", scopes: ["telemetry:write"], userEmail: user.email })).token;

    let observations: number[] = [];
    const labels = { service: a.slug, span_name: "call", span_kind: "SPAN_KIND_CLIENT", status_code: "STATUS_CODE_UNSET", peer_service: b.slug };
    const target = await startTarget((): SpanSeries[] => [{ labels, observations }]);
    let writes = 0;
    let split = 0; // writes carrying part of a histogram's series only
    const statuses: number[] = [];
    const bridge = await serve((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        const headers = Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === "string"));
        const body = Buffer.concat(chunks);
        const names = new Set(decodeWriteRequest(body).timeseries.map((t) => (t.labels.le === "+Inf" ? "+Inf" : t.labels.__name__)));
        if (names.has("traces_spanmetrics_latency_bucket") !== names.has("+Inf") || names.has("traces_spanmetrics_latency_count") !== names.has("+Inf")) split += 1;
        const answer = await POST(new NextRequest("http://localhost/api/v1/write", { method: "POST", headers, body: new Uint8Array(body) }));
        statuses.push(answer.status);
        writes += 1;
        res.writeHead(answer.status).end(await answer.text());
      });
    });
    const prometheus = await startPrometheus(
      `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: tempo\n    static_configs:\n      - targets: ["${target.url.slice("http://".length)}"]\nremote_write:\n  - url: ${bridge.url}/api/v1/write\n    authorization:\n      credentials: ${token}\n    queue_config:\n      batch_send_deadline: 1s\n      min_shards: 4\n      max_shards: 4\n      max_samples_per_send: 5\n`,
    );
    const total = async () => {
      const now = Date.now();
      const read = await latencySeries(member, view.key, latencyQuerySchema.parse({ from: new Date(Math.floor(now / 3_600_000) * 3_600_000 - 3_600_000).toISOString(), to: new Date(Math.floor(now / 3_600_000) * 3_600_000 + 3_600_000).toISOString(), step: "1h" }));
      return read.series.reduce((n, s) => n + s.count, 0);
    };
    const waitFor = async (want: number) => {
      for (let i = 0; i < 60 && (await total()) !== want; i++) await sleep(500);
      return total();
    };
    try {
      // The first scrapes (zero counts) set the series' state. Sharded, two writes can be halves of one
      // scrape, and a series' first histogram is its baseline (README: the first point's calls are not
      // counted): wait for several writes and a few scrape intervals, so calls start after the baseline.
      for (let i = 0; i < 80 && writes < 8; i++) await sleep(250);
      await sleep(2500);
      observations = Array.from({ length: 20 }, () => 0.05);
      expect(await waitFor(20)).toBe(20);
      // The target restarts: fresh counts, lower than before — all of them are new calls.
      observations = [0.003, 0.003, 0.003];
      expect(await waitFor(23)).toBe(23);
      await sleep(3000); // more scrapes of unchanged counts add nothing
      expect(await total()).toBe(23);
      expect(statuses.every((s) => s === 204)).toBe(true);
      expect(split).toBeGreaterThan(0); // Prometheus did split histograms across requests
      const now = Date.now();
      const read = await latencySeries(member, view.key, latencyQuerySchema.parse({ from: new Date(Math.floor(now / 3_600_000) * 3_600_000 - 3_600_000).toISOString(), to: new Date(Math.floor(now / 3_600_000) * 3_600_000 + 3_600_000).toISOString(), step: "2h" }));
      const all = read.series.find((s) => s.count === 23)!;
      // 20 of 23 calls in (32, 64] ms: the median and p95 lie in that bucket.
      expect(all.p50).toBeGreaterThan(32);
      expect(all.p50).toBeLessThanOrEqual(64);
      expect(all.p95).toBeGreaterThan(32);
      expect(all.p95).toBeLessThanOrEqual(64);
      // The SLO window (UTC days, burn windows of minutes) and the drift board (the days since the
      // settled line) read the same 23 calls, none an error; the last two days, should the test cross midnight.
      const slo = await sloStatus(member, view.key);
      expect([slo.availability.total, slo.availability.good]).toEqual([23, 23]);
      expect(slo.availability.burnDown.at(-1)!.remainingPercent).toBe(100);
      const row = (await estateDrift()).find((r) => r.key === view.key)!;
      expect(row.daily.slice(-2).reduce((n, d) => n + d.count, 0)).toBe(23);
    } finally {
      await prometheus.stop();
      await bridge.close();
      await target.close();
    }
  }, 120_000);
});
