// Silence is shown as silence: the demo's inventory->search:stock-changed stopped calling three days
// ago, so its Latency tab says since when, and its SLO cards say "No data", not "OK" with zero burn.
import { expect, test } from "@playwright/test";
import { authFile } from "./support";

test.use({ storageState: authFile("viewer") });

const SILENT = "inventory->search:stock-changed";

test("a silent integration point's Latency tab says since when, and its SLOs say no data", async ({ page }) => {
  test.setTimeout(150_000);
  // The overview computes health it has none of yet; the status is silent once that has run.
  await page.goto("/");
  const banner = page.getByTestId("silence-banner");
  await expect
    .poll(
      async () => {
        await page.goto(`/catalog/${encodeURIComponent(SILENT)}?tab=latency&range=7d`);
        await expect(page.getByTestId("latency-chart")).toBeVisible();
        return banner.count();
      },
      { timeout: 90_000, intervals: [1000, 5000, 10_000] },
    )
    .toBe(1);
  await expect(banner).toContainText(/^No calls since \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\./);
  // The last call, as the banner gives it, is days old: the seed stops this story three days ago.
  const since = Date.parse(((await banner.innerText()).match(/since (\S+ \S+) UTC/)![1]!).replace(" ", "T") + "Z");
  expect(Date.now() - since).toBeGreaterThan(2 * 86_400_000);
  await expect(page.getByTestId("last-data")).toContainText("Last data at");

  for (const slo of ["slo-availability", "slo-latency"]) {
    const card = page.getByTestId(slo);
    await expect(card.getByTestId("alert-state")).toHaveText("No data");
    await expect(card.getByTestId("alert-reason")).toContainText("No data since");
  }

  // An integration point that is not silent keeps its alert states.
  await page.goto(`/catalog/${encodeURIComponent("checkout->payments:authorize")}?tab=latency&range=7d`);
  await expect(page.getByTestId("latency-chart")).toBeVisible();
  await expect(page.getByTestId("slo-availability").getByTestId("alert-state")).toHaveText(/^(OK|Ticket|Page)$/);
  await expect(page.getByTestId("silence-banner")).toHaveCount(0);
  // The range ends now, so its last step is still filling: said so, and its percentiles are not drawn as a dip.
  await expect(page.getByTestId("partial-step")).toContainText("still filling");
});

test("the drift board lists a silent integration point under Silent, and the overview lists it as silent", async ({ page }) => {
  test.setTimeout(150_000);
  // The health refresh (run by the overview when stale) decides silence; the drift board reads it.
  const silentRow = page.getByTestId("silent-row").and(page.locator(`[data-key="${SILENT}"]`));
  await expect
    .poll(
      async () => {
        await page.goto("/");
        await page.goto("/drift");
        await expect(page.getByTestId("drift-meta")).toBeVisible();
        return silentRow.count();
      },
      { timeout: 90_000, intervals: [1000, 5000, 10_000] },
    )
    .toBe(1);
  await expect(page.getByRole("heading", { name: "Silent", level: 2 })).toBeVisible();
  await expect(silentRow).toContainText(/Silent \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  // Not among the drifting rows, where it read "±0 ms, not heading there".
  await expect(page.getByTestId("drift-row").and(page.locator(`[data-key="${SILENT}"]`))).toHaveCount(0);
  await expect(page.getByTestId("drift-meta")).toContainText(/\d+ silent/);

  await page.goto("/");
  const panel = page.getByTestId("overview-silent");
  await expect(panel.getByTestId("silent-integration").filter({ hasText: SILENT })).toContainText(/no calls since \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  await expect(page.getByTestId("overview-drift").getByText(SILENT)).toHaveCount(0);
});
