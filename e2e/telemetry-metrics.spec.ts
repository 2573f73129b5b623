// Collector metrics end to end: a spanmetrics histogram (explicit buckets, as the connector sends by
// default) reaches the integration's latency marked approximate, and Settings → Telemetry shows the
// points arriving and what was rejected, by reason.
import { expect, test } from "@playwright/test";
import { authFile, baseURL, bearer, cliCreateToken, unique } from "./support";

test.use({ storageState: authFile("member") });

const KEY = "checkout->payments:authorize";
const str = (key: string, stringValue: string) => ({ key, value: { stringValue } });

function spanmetrics(timeNs: bigint, count: number, bucketCounts: number[]) {
  return {
    resourceMetrics: [
      {
        resource: { attributes: [str("service.name", "checkout")] },
        scopeMetrics: [
          {
            scope: { name: "spanmetricsconnector" },
            metrics: [
              {
                name: "traces.span.metrics.duration",
                unit: "ms",
                histogram: {
                  aggregationTemporality: 1,
                  dataPoints: [
                    {
                      attributes: [str("span.name", "Payments/Authorize"), str("span.kind", "SPAN_KIND_CLIENT"), str("status.code", "STATUS_CODE_UNSET"), str("peer.service", "payments")],
                      startTimeUnixNano: String(timeNs - 15_000_000_000n),
                      timeUnixNano: String(timeNs),
                      count: String(count),
                      bucketCounts: bucketCounts.map(String),
                      explicitBounds: [2, 4, 6, 8, 10, 50, 100, 200, 400, 800, 1000],
                    },
                  ],
                },
              },
            ],
          },
        ],
      },
    ],
  };
}

test("spanmetrics histograms reach the latency API as approximate, and Settings shows points and rejections", async ({ request, page }) => {
  const token = await cliCreateToken({ name: unique("collector"), scopes: ["telemetry:write", "catalog:read"], user: "member@edgewise.local" });
  const headers = { ...bearer(token), "content-type": "application/json" };
  // Two hours ago: telemetry.spec.ts counts the spans it sends to this integration in the last hour.
  const hourMs = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 2 * 3_600_000;
  const timeNs = BigInt(hourMs + 30 * 60_000) * 1_000_000n;
  const buckets = [0, 0, 0, 0, 0, 40, 9, 1, 0, 0, 0, 0]; // (10,50] ×40, (50,100] ×9, (100,200] ×1

  const ok = await request.post(`${baseURL()}/v1/metrics`, { headers, data: JSON.stringify(spanmetrics(timeNs, 50, buckets)) });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toEqual({});
  const bad = await request.post(`${baseURL()}/v1/metrics`, { headers, data: JSON.stringify(spanmetrics(timeNs + 1n, 51, buckets)) });
  expect(await bad.json()).toEqual({ partialSuccess: { rejectedDataPoints: "1", errorMessage: expect.stringContaining("count is not the sum of bucketCounts") } });
  expect((await request.post(`${baseURL()}/v1/metrics`, { headers: { "content-type": "application/json" }, data: "{}" })).status()).toBe(401);

  const from = new Date(hourMs).toISOString();
  const to = new Date(hourMs + 3_600_000).toISOString();
  const res = await request.get(`/api/integrations/${encodeURIComponent(KEY)}/latency?from=${from}&to=${to}&step=1h`, { headers: bearer(token) });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { approximate: boolean; series: { count: number; p50: number }[] };
  expect(body.approximate).toBe(true);
  expect(body.series[0]!.count).toBeGreaterThanOrEqual(50);

  await page.goto("/settings/telemetry");
  await expect(page.getByTestId("ingestion-status")).toContainText("Metric points per minute");
  const rejections = page.getByTestId("rejections");
  await expect(rejections).toContainText("Histogram counts, bounds or statistics inconsistent");
  // Whole requests turned away are written within a few seconds.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("rejections")).toContainText("Request without a valid token (401)", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId("collector-metrics-config")).toContainText("spanmetrics");
  expect(Number(await page.getByTestId("points-per-minute").textContent())).toBeGreaterThan(0); // a trickle shows as 0.1, not 0
  await page.screenshot({ path: "test-results/settings-telemetry.png", fullPage: true });
});
