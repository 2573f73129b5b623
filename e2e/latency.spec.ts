// The Latency tab on data the test makes: spans with known durations and errors sent as OTLP/JSON, and
// a deploy annotation. Ranges switch through the URL, the budget line and the annotation tooltip show,
// the heatmap shows both latency populations, the SLO panel shows the alert states the numbers imply,
// and the previous period can be overlaid. Screenshots in both themes go to test-results/latency-*.png.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { authFile, bearer, cliCreateToken, sendClientSpans, unique, waitForHydration } from "./support";

test.use({ storageState: authFile("member") });
test.describe.configure({ timeout: 120_000 });

const MINUTE = 60_000;

interface Batch {
  /** How long ago the batch starts. */
  agoMs: number;
  calls: number;
  errors: number;
  durationMs: number;
  /** Minutes the batch is spread over. */
  minutes?: number;
}

async function sendSpans(request: APIRequestContext, token: string, source: string, target: string, operation: string, batches: Batch[]) {
  const now = Date.now();
  const calls = batches.flatMap((b) =>
    Array.from({ length: b.calls }, (_, i) => ({ startMs: now - b.agoMs + Math.floor((i * (b.minutes ?? 1) * MINUTE) / b.calls), durationMs: b.durationMs, error: i < b.errors })),
  );
  await sendClientSpans(request, token, source, target, operation, calls);
}

async function makeIntegration(request: APIRequestContext, token: string) {
  const [source, target] = [unique("lat-src"), unique("lat-dst")];
  for (const slug of [source, target]) {
    const res = await request.post("/api/services", { headers: bearer(token), data: { slug, name: slug, team: "checkout-team" } });
    expect(res.status(), await res.text()).toBe(201);
  }
  const operation = "charge";
  const res = await request.post("/api/integrations", {
    headers: bearer(token),
    data: {
      sourceService: source, targetService: target, operation, style: "sync", protocol: "http",
      budget: { p50Ms: 30, p95Ms: 60, p99Ms: 100 },
      slo: { successTargetPercent: 99, latencyTargetPercent: 99, windowDays: 28 },
      resilience: { timeoutMs: 200 },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return { key: `${source}->${target}:${operation}`, source, target, operation };
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/latency-${name}.png`, fullPage: true });
}

test("the Latency tab: ranges in the URL, budget line, annotation tooltip, heatmap, SLO burn state, comparison", async ({ page, request }) => {
  const token = await cliCreateToken({ name: unique("latency"), scopes: ["catalog:read", "catalog:write", "telemetry:write"], user: "member@edgewise.local" });
  const { key, source, target, operation } = await makeIntegration(request, token);
  // In the last hour: 200 fast calls (20 ms, 10 errors) 40 minutes ago, 100 slow ones (300 ms, 5 errors)
  // 20 minutes ago. In the hour before: 50 calls at 40 ms spread over 5 minutes, for the comparison.
  await sendSpans(request, token, source, target, operation, [
    { agoMs: 40 * MINUTE, calls: 200, errors: 10, durationMs: 20, minutes: 4 },
    { agoMs: 20 * MINUTE, calls: 100, errors: 5, durationMs: 300, minutes: 2 },
    { agoMs: 95 * MINUTE, calls: 50, errors: 0, durationMs: 40, minutes: 5 },
  ]);
  const title = `Deploy ${unique("v")} of ${target}`;
  const annotation = await request.post("/api/annotations", {
    headers: bearer(token),
    data: { kind: "deploy", title, integrations: [key], at: new Date(Date.now() - 30 * MINUTE).toISOString() },
  });
  expect(annotation.status(), await annotation.text()).toBe(201);

  await page.goto(`/catalog/${encodeURIComponent(key)}?tab=latency&range=1h`);
  const chart = page.getByTestId("latency-chart");
  await expect(chart).toHaveAttribute("aria-label", /p99 budget of 100 ms, 300 calls$/);
  await expect(chart.getByText("p99 budget 100 ms", { exact: true })).toBeVisible();
  await expect(page.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  await expect(page.getByTestId("traffic-chart")).toHaveAttribute("aria-label", "Calls per minute and error rate: 300 calls, 15 errors");

  // The deploy marker's tooltip names it.
  const marker = chart.getByTestId("annotation-marker");
  await expect(marker).toHaveCount(1);
  await marker.hover();
  await expect(page.getByTestId("annotation-tooltip")).toContainText(title);
  await expect(page.getByTestId("annotation-tooltip")).toContainText("Deploy");

  // The heatmap keeps the two populations apart: cells in the lowest and the highest band, and a tooltip.
  const heatmap = page.getByTestId("latency-heatmap");
  await expect(heatmap.getByRole("img")).toHaveAttribute("aria-label", /^Latency heatmap: 300 calls in 24 latency bands from 20 ms to 300 ms$/);
  await expect(heatmap.getByTestId("heatmap-cell").first()).toBeVisible();
  await heatmap.getByTestId("heatmap-cell").first().hover({ force: true });
  await expect(page.getByTestId("heatmap-tooltip")).toContainText(/\d+ calls/);

  // SLOs: 15 errors in 300 calls against 99 % burns 5 over 2 h and 1 d (≥ 3 × 28/30 = 2.8): a ticket.
  // 100 of 300 calls over the 100 ms budget, all in the last 30 minutes: 6 h and 30 m burn ≥ 5.6: a page.
  const availability = page.getByTestId("slo-availability");
  await expect(availability.getByTestId("alert-state")).toHaveText("Ticket");
  await expect(availability.getByTestId("alert-reason")).toHaveText("Ticket: 1d and 2h burn ≥ 2.8.");
  await expect(availability.getByTestId("compliance")).toHaveText("95.714 %"); // 335 good of 350 in the window
  await expect(availability.getByTestId("burn-rates").locator("td[data-window='2h']")).toHaveText("4.29");
  const latency = page.getByTestId("slo-latency");
  await expect(latency.getByTestId("alert-state")).toHaveText("Page");
  await expect(latency.getByTestId("alert-reason")).toHaveText("Page: 6h and 30m burn ≥ 5.6.");
  await expect(latency.getByTestId("burn-rates").locator("td")).toHaveCount(7);
  await expect(latency.getByTestId("slo-latency-burn-down")).toBeVisible();
  await shoot(page, "light");

  // A longer range re-renders with the earlier batch in it, and the URL says so.
  await waitForHydration(page.getByRole("group", { name: "Time range" }).getByRole("button", { name: "6h" }));
  await page.getByRole("group", { name: "Time range" }).getByRole("button", { name: "6h" }).click();
  await expect(page).toHaveURL(/range=6h/);
  await expect(chart).toHaveAttribute("aria-label", /p99 budget of 100 ms, 350 calls$/);
  await page.getByRole("group", { name: "Time range" }).getByRole("button", { name: "1h" }).click();
  await expect(chart).toHaveAttribute("aria-label", /300 calls$/);

  // Compare with the hour before: its p99 is drawn as a dashed line, and the choice is in the URL.
  await expect(chart.getByText("p99, previous period")).toHaveCount(0);
  await page.getByLabel("Compare with the previous period").click();
  await expect(page.getByLabel("Compare with the previous period")).toBeChecked();
  await expect(page).toHaveURL(/compare=1/);
  await expect(chart.getByText("p99, previous period")).toBeVisible();
  await expect(chart.locator(".recharts-line path[stroke-dasharray='5 4']")).toHaveCount(1);

  // Dark theme, same page.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.evaluate(() => (document.documentElement.dataset.theme = "dark"));
  await expect(page.getByTestId("latency-heatmap")).toBeVisible();
  await shoot(page, "dark");
  await page.evaluate(() => (document.documentElement.dataset.theme = "light"));

  // A custom range is checked before it applies, then kept in the URL; it is fixed, not live.
  await page.getByRole("button", { name: "Custom…" }).click();
  const form = page.getByRole("form", { name: "Custom range" });
  const to = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 16);
  const from = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 16);
  await form.getByLabel("From (UTC)").fill(to);
  await form.getByLabel("To (UTC)").fill(from);
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(form.getByRole("alert")).toHaveText("The start must be before the end");
  await form.getByLabel("From (UTC)").fill(from);
  await form.getByLabel("To (UTC)").fill(to);
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/range=custom/);
  expect(new URL(page.url()).searchParams.get("from")).toBe(new Date(`${from}:00Z`).toISOString());
  expect(new URL(page.url()).searchParams.get("to")).toBe(new Date(`${to}:00Z`).toISOString());
  await expect(page.getByTestId("live-state")).toHaveAttribute("data-state", "fixed");
  // Nothing was sent then: the empty state says how to send telemetry.
  const empty = page.getByTestId("latency-empty");
  await expect(empty).toContainText("OTEL_EXPORTER_OTLP_ENDPOINT=");
  await expect(empty).toContainText(`service.name=${source}`);
  await expect(empty.getByRole("link", { name: /Settings → Telemetry/ })).toHaveAttribute("href", "/settings/telemetry");
  await shoot(page, "empty");
});

test("long ranges read the demo estate's hour buckets: 28 days and 90 days chart, with the heatmap and burn-down", async ({ page }) => {
  // The demo seed backfills 30 days (hours, then minutes for the last 25 hours) for its integrations.
  const key = "checkout->payments:authorize";
  for (const range of ["28d", "90d", "24h"]) {
    await page.goto(`/catalog/${encodeURIComponent(key)}?tab=latency&range=${range}`);
    const chart = page.getByTestId("latency-chart");
    await expect(chart).toHaveAttribute("aria-label", /p99 budget of 250 ms, [1-9]\d* calls$/);
    await expect(page.getByTestId("latency-heatmap").getByTestId("heatmap-cell").first()).toBeVisible();
    await expect(page.getByTestId("latency-error")).toHaveCount(0);
    await shoot(page, `demo-${range}`);
  }
  await expect(page.getByTestId("slo-availability").getByTestId("compliance")).toHaveText(/^\d+\.\d{3} %$/);
  await expect(page.getByTestId("slo-availability-burn-down")).toBeVisible();
});
