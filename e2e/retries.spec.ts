// Retry amplification and the throttled share on the Latency tab, under the error rate: the demo's
// incident on checkout->inventory:reserve-stock (three days ago, in the 7-day range) is a retry storm
// in the seed, so the chart says how many attempts its logical calls took — the same figures as the
// page's own latency answer — and an async integration, measured by delivery, shows the empty state.
import { expect, test } from "@playwright/test";
import { authFile } from "./support";

test.use({ storageState: authFile("member") });
test.describe.configure({ timeout: 90_000 });

interface Step {
  attempts: number;
  logicalCalls: number;
  maxAttempts: number;
  throttled: number;
}

test("the incident's retry storm is charted under the error rate", async ({ page }) => {
  const KEY = "checkout->inventory:reserve-stock";
  const answered = page.waitForResponse((r) => r.url().includes(`/api/integrations/${encodeURIComponent(KEY)}/latency?`) && r.request().method() === "GET");
  await page.goto(`/catalog/${encodeURIComponent(KEY)}?tab=latency&range=7d`);
  const api = await answered;
  expect(api.status()).toBe(200);
  const series = ((await api.json()) as { series: Step[] }).series;
  const attempts = series.reduce((n, p) => n + p.attempts, 0);
  const logicalCalls = series.reduce((n, p) => n + p.logicalCalls, 0);
  const throttled = series.reduce((n, p) => n + p.throttled, 0);
  // The storm's steps amplify well past ×1.5; the rest of the week is one attempt per call.
  expect(Math.max(...series.map((p) => (p.logicalCalls ? p.attempts / p.logicalCalls : 0)))).toBeGreaterThan(1.5);
  expect(throttled).toBeGreaterThan(0);

  const chart = page.getByTestId("retry-chart");
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute("aria-label", new RegExp(`^Retry amplification and throttled share: ${attempts} attempts for ${logicalCalls} logical calls .*, at most 3 per call, ${throttled} throttled$`));
  // Its two lines are drawn (Recharts renders each as a curve path).
  await expect(chart.locator(".recharts-line-curve")).toHaveCount(2);
  await expect(chart).toContainText("retry amplification (attempts / call)");
  await chart.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/retries-chart.png", fullPage: true });
});

test("an integration without logical calls says where retries come from", async ({ page }) => {
  const KEY = "orders->shipping:order-ready";
  const answered = page.waitForResponse((r) => r.url().includes(`/api/integrations/${encodeURIComponent(KEY)}/latency?`) && r.request().method() === "GET");
  await page.goto(`/catalog/${encodeURIComponent(KEY)}?tab=latency&range=24h`);
  const series = ((await (await answered).json()) as { series: Step[] }).series;
  expect(series.some((p) => p.logicalCalls > 0 || p.throttled > 0)).toBe(false);
  await expect(page.getByTestId("latency-chart")).toBeVisible();
  await expect(page.getByTestId("retry-chart-empty")).toContainText("http.request.resend_count");
  await expect(page.getByTestId("retry-chart")).toHaveCount(0);
});
