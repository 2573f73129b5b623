// Exemplars on the Latency tab of the demo's incident integration (the seed keeps the slowest calls
// and a few errors of every minute): the slowest call is a point over the percentile lines whose
// tooltip gives its duration and time, and a click shows the link into the tracing UI
// (EDGEWISE_TRACE_URL, set in playwright.config.ts). The heatmap cell that holds it lists it too.
import { expect, test } from "@playwright/test";
import { bandOf } from "../lib/telemetry/heatmap-bands";
import { authFile, waitForHydration } from "./support";

test.use({ storageState: authFile("member") });
test.describe.configure({ timeout: 90_000 });

const KEY = "checkout->inventory:reserve-stock";
const TEMPLATE = "https://tracing.example.test/trace/{traceId}";

interface Item {
  traceId: string;
  durationMs: number;
  at: string;
  error: boolean;
}

test("an exemplar point opens its trace, and its heatmap cell lists it", async ({ page }) => {
  // The page's own exemplars request is the truth the chart must draw (a second request could see newer traffic).
  const answered = page.waitForResponse((r) => r.url().includes(`/api/integrations/${encodeURIComponent(KEY)}/exemplars?`) && r.request().method() === "GET");
  await page.goto(`/catalog/${encodeURIComponent(KEY)}?tab=latency&range=6h`);
  const chart = page.getByTestId("latency-chart");
  const points = chart.getByTestId("exemplar-point");
  await expect(points.first()).toBeVisible();

  // The slowest of the range, as the API answered the page.
  const now = Date.now();
  const api = await answered;
  expect(api.status()).toBe(200);
  const body = (await api.json()) as { items: Item[]; traceUrlTemplate: string | null };
  expect(body.traceUrlTemplate).toBe(TEMPLATE);
  expect(body.items.length).toBeGreaterThan(10);
  const slowest = body.items[0]!;
  expect(body.items.every((i) => i.durationMs <= slowest.durationMs)).toBe(true);

  // The last point drawn is the slowest (drawn on top of any it overlaps); hover gives its duration, a click its trace link.
  const first = points.last();
  await waitForHydration(first);
  await expect(first).toHaveAttribute("aria-label", new RegExp(`^Exemplar: .*${slowest.error ? ", error" : ""}, ${slowest.at.slice(0, 16).replace("T", " ")} UTC$`));
  await first.hover();
  const popover = page.getByTestId("exemplar-popover");
  await expect(popover).toContainText("Click to open its trace");
  await expect(popover).toContainText(`${slowest.at.replace("T", " ").slice(0, 19)} UTC`);
  await first.click();
  const link = popover.getByTestId("trace-link");
  await expect(link).toHaveAttribute("href", `https://tracing.example.test/trace/${slowest.traceId}`);
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", /noopener/);
  await page.screenshot({ path: "test-results/exemplars-point.png", fullPage: true });
  // Close ends the pinned popover. The pointer then rests where the Close button was, which can be over
  // another exemplar (the slow ones crowd the top of the plot): that one's hover tooltip is right to show,
  // so the check is on the pinned dialog, and then on no popover at all once the pointer leaves the chart.
  await popover.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("dialog", { name: "Exemplar" })).toHaveCount(0);
  await page.mouse.move(0, 0);
  await expect(popover).toHaveCount(0);

  // Its heatmap cell (its step, its latency band) lists it with the same link.
  const heatmap = page.getByTestId("latency-heatmap");
  const cells = heatmap.getByTestId("heatmap-cell");
  await expect(cells.first()).toBeVisible();
  const res = await page.request.get(
    `/api/integrations/${encodeURIComponent(KEY)}/heatmap?from=${new Date(now - 6 * 3_600_000).toISOString()}&to=${new Date(now).toISOString()}&step=5m`,
  );
  const map = (await res.json()) as { bandsMs: number[]; stepMs: number };
  const columns = await cells.evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute("data-t")!))]);
  const at = Date.parse(slowest.at);
  const column = columns.filter((t) => Date.parse(t) <= at).sort().at(-1)!;
  const cell = heatmap.locator(`[data-testid="heatmap-cell"][data-t="${column}"][data-band="${bandOf(map.bandsMs, slowest.durationMs)}"]`);
  await cell.dispatchEvent("click");
  const list = page.getByTestId("heatmap-exemplars");
  await expect(list.getByTestId("exemplar-list")).toBeVisible();
  await expect(list.locator(`a[href="https://tracing.example.test/trace/${slowest.traceId}"]`)).toBeVisible();
  await page.screenshot({ path: "test-results/exemplars-heatmap.png", fullPage: true });
});
