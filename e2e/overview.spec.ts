// The overview's numbers match the lists they link to: each status count opens the catalog filtered
// to that many rows, each open-findings count the findings page with that many. The test makes an
// integration point breaching its budget and one within it (OTLP spans sent to the server), so the
// counts are not all zero. Other specs change the estate meanwhile, and the server recomputes health
// every minute: a pair that disagrees is read again, and must agree within a few attempts.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { authFile, cliCreateToken, declareEstate, sendClientSpans, unique } from "./support";

test.use({ storageState: authFile("architect") });
test.describe.configure({ timeout: 180_000 });

const STATUSES = ["ok", "warning", "breaching", "no-data", "silent"] as const;

/** 200 calls in the last few minutes, all taking `ms`. */
async function sendCalls(request: APIRequestContext, token: string, source: string, target: string, operation: string, ms: number) {
  const startMs = Date.now() - 3 * 60_000;
  await sendClientSpans(request, token, source, target, operation, Array.from({ length: 200 }, (_, i) => ({ startMs: startMs + i * 100, durationMs: ms })));
}

const number = async (page: Page, testId: string) => Number((await page.getByTestId(testId).first().innerText()).replace(/[^\d]/g, ""));

/** The catalog's count of rows matching its filters (0 when it says none match). */
async function catalogTotal(page: Page): Promise<number> {
  await expect(page.getByTestId("catalog-total").or(page.getByTestId("catalog-no-match"))).toBeVisible();
  if (await page.getByTestId("catalog-no-match").isVisible()) return 0;
  return number(page, "catalog-total");
}

test("every status count and every findings count on the overview matches the list it opens", async ({ page, request }) => {
  const token = await cliCreateToken({ name: unique("overview"), scopes: ["admin", "catalog:read", "catalog:write", "telemetry:write"], user: "admin@edgewise.local" });
  const { team, source, target } = await declareEstate(request, token, ["slow", "fine", "idle"].map((operation) => ({ operation, p99Ms: 100 })), "ov");
  await sendCalls(request, token, source, target, "slow", 400);
  await sendCalls(request, token, source, target, "fine", 20);

  // The overview computes health for integration points it has none for; the schedule does the rest.
  await expect
    .poll(
      async () => {
        await page.goto("/");
        await page.goto(`/catalog?team=${team}&status=breaching`);
        return catalogTotal(page);
      },
      { timeout: 100_000, intervals: [1000, 5000, 10_000] },
    )
    .toBe(1);
  await expect(page.getByTestId("integration-row")).toHaveAttribute("data-key", `${source}->${target}:slow`);
  await expect(page.getByTestId("integration-row").getByText("Breaching")).toBeVisible();
  await page.goto(`/catalog?team=${team}&status=ok`);
  expect(await catalogTotal(page)).toBe(1);
  await page.goto(`/catalog?team=${team}&status=no-data`);
  expect(await catalogTotal(page)).toBe(1);

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Integration points by status" })).toBeVisible();
  await page.screenshot({ path: "test-results/overview.png", fullPage: true });
  const byStatus = await Promise.all(STATUSES.map((s) => number(page, `status-count-${s}`)));
  expect(byStatus.reduce((a, b) => a + b, 0)).toBe(await number(page, "stat-integration-points"));
  expect(byStatus[STATUSES.indexOf("breaching")]).toBeGreaterThanOrEqual(1);

  for (const status of STATUSES) {
    await expect
      .poll(
        async () => {
          await page.goto("/");
          const shown = await number(page, `status-count-${status}`);
          await page.getByTestId(`status-count-${status}`).click();
          await expect(page).toHaveURL(new RegExp(`/catalog\\?status=${status}$`));
          return (await catalogTotal(page)) - shown;
        },
        { message: `the ${status} count should match the catalog it opens`, timeout: 60_000, intervals: [500, 2000, 5000] },
      )
      .toBe(0);
  }

  for (const severity of ["error", "warning", "info"] as const) {
    await expect
      .poll(
        async () => {
          await page.goto("/");
          const shown = await number(page, `count-${severity}`);
          await page.getByTestId("overview-findings").getByTestId(`count-${severity}`).click();
          await expect(page).toHaveURL(new RegExp(`/findings\\?severity=${severity}$`));
          // The address changes when the loading skeleton shows; count once the list itself is there.
          await expect(page.getByRole("status").filter({ hasText: /^Showing \d+ of \d+/ }).or(page.getByText("No findings match these filters"))).toBeVisible();
          const card = await number(page, `count-${severity}`);
          // The list comes a page at a time: count the open ones on every page.
          let open = await page.locator(`[data-testid="finding"][data-severity="${severity}"][data-waived="false"]`).count();
          const next = page.getByRole("link", { name: "Next page →" });
          for (let n = 2; await next.isVisible(); n++) {
            await next.click();
            await expect(page.getByRole("status").filter({ hasText: new RegExp(`on this page, ${n} of \\d+\\)`) })).toBeVisible();
            open += await page.locator(`[data-testid="finding"][data-severity="${severity}"][data-waived="false"]`).count();
          }
          return [open - shown, card - shown];
        },
        { message: `the open ${severity} count should match the findings page`, timeout: 60_000, intervals: [500, 2000, 5000] },
      )
      .toEqual([0, 0]);
  }
});

test("undeclared edges and decisions awaiting review link to their lists", async ({ page }) => {
  await page.goto("/");
  const edges = await number(page, "observed-edge-count");
  await page.getByTestId("observed-edge-count").click();
  await expect(page).toHaveURL(/\/catalog\/observed$/);
  await expect(page.getByTestId("observed-edge")).toHaveCount(edges);

  await page.goto("/");
  const awaiting = await number(page, "decisions-awaiting");
  await page.getByTestId("decisions-awaiting").click();
  await expect(page).toHaveURL(/\/decisions\?awaiting=me$/);
  await expect(page.getByTestId("decision-row")).toHaveCount(awaiting);
});
