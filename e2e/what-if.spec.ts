// What if end to end: on the demo's checkout journey (place order), move fraud scoring off the
// synchronous path, see the scenario against the baseline, share it by its address, attach it to a
// new decision record and find it there as evidence — with a re-run beside the stored result.
import { expect, test } from "@playwright/test";
import { authFile, unique, waitForHydration } from "./support";

const STEP = "checkout->fraud-detection:score-order";
const ms = (text: string | null) => Number((text ?? "").replace(/[^\d.]/g, ""));

test.use({ storageState: authFile("member") });

test("moves a step off the synchronous path, shares the scenario and attaches it to a new decision", async ({ page }) => {
  // Five simulations of 100,000 requests each (two pages, the attach and a re-run) on a shared machine.
  test.setTimeout(180_000);
  await page.goto("/journeys/place-order");
  await page.getByTestId("what-if-link").click();
  await expect(page).toHaveURL(/\/journeys\/place-order\/what-if$/);
  // The baseline first, with the empty state saying what to do.
  await expect(page.getByTestId("what-if-empty")).toBeVisible({ timeout: 30_000 });
  const baselineP99 = ms(await page.getByTestId("cmp-p99-0").textContent());
  expect(baselineP99).toBeGreaterThan(0);
  await expect(page.getByTestId("cmp-p99-1")).toHaveText(`${await page.getByTestId("cmp-p99-0").textContent()}`);

  const step = page.getByTestId("what-if-step").filter({ hasText: STEP });
  await waitForHydration(page.getByRole("button", { name: "Simulate" }));
  await step.locator("summary").click();
  await step.getByLabel("Style").selectOption("async-event");
  await page.getByRole("button", { name: "Simulate" }).click();
  await expect(page).toHaveURL(/changes=/);
  await expect(page.getByTestId("what-if-empty")).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId("what-if-step-row").filter({ hasText: STEP })).toContainText("async");
  const scenarioText = (await page.getByTestId("cmp-p99-1").textContent()) ?? "";
  const scenarioP99 = ms(scenarioText);
  expect(scenarioP99).toBeLessThan(baselineP99);
  await expect(page.getByTestId("waterfall-baseline")).toBeVisible();
  await expect(page.getByTestId("waterfall-scenario")).toBeVisible();
  await expect(page.getByTestId("latency-distribution")).toBeVisible();

  // The address is the scenario: a reload (or a colleague with the link) sees the same.
  await page.reload();
  await expect(page.getByTestId("what-if-step").filter({ hasText: STEP }).getByLabel("Style")).toHaveValue("async-event");
  await expect(page.getByTestId("cmp-p99-1")).toHaveText(scenarioText, { timeout: 30_000 });

  // Attach to a new draft record, then read it there.
  const title = `Score fraud asynchronously ${unique("wi")}`;
  const attach = page.getByRole("button", { name: "Attach" });
  await waitForHydration(attach);
  await page.getByLabel("Record").selectOption("new");
  await page.getByLabel("Title").fill(title);
  await attach.click();
  await page.getByTestId("attached").getByRole("link").click();
  await expect(page.getByTestId("decision-title")).toContainText(title);
  const item = page.getByTestId("evidence-item");
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(`What if on place-order: ${STEP}: style → async-event`);
  await expect(item.getByTestId("cmp-p99-1")).toHaveText(scenarioText);

  // Re-run with today's telemetry: a third column beside the stored result, which stays.
  const rerun = item.getByTestId("evidence-rerun");
  await waitForHydration(rerun);
  await rerun.click();
  await expect(item.getByRole("columnheader", { name: "Scenario today" })).toBeVisible({ timeout: 30_000 });
  await expect(item.getByRole("columnheader", { name: "Scenario (stored)" })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("evidence-item")).toHaveCount(1);
  await expect(page.getByTestId("evidence-item").getByRole("columnheader", { name: "Scenario today" })).toHaveCount(0);

  // The MADR download carries it.
  const md = await page.request.get(page.url().replace(/\/decisions\/(\d+).*/, "/api/decisions/$1.md"));
  expect(await md.text()).toContain("## Evidence");
});

test("the demo's case for moving fraud scoring off the synchronous path carries its what-if as evidence", async ({ page }) => {
  await page.goto("/decisions");
  await page.getByRole("link", { name: "Move fraud scoring off the synchronous checkout path" }).click();
  await expect(page).toHaveURL(/\/decisions\/\d+$/);
  const item = page.getByTestId("evidence-item");
  await expect(item).toHaveCount(1);
  await expect(item).toContainText("place-order");
});

test("attaches a latency snapshot from an integration point's Latency tab to a new decision", async ({ page }) => {
  const key = "checkout->payments:authorize";
  await page.goto(`/catalog/${encodeURIComponent(key)}?tab=latency&range=24h`);
  const attach = page.getByTestId("attach-snapshot");
  await expect(attach).toBeVisible({ timeout: 30_000 });
  await waitForHydration(attach.getByRole("button", { name: "Attach" }));
  const title = unique("Latency snapshot");
  await attach.getByLabel("Title").fill(title);
  await attach.getByRole("button", { name: "Attach" }).click();
  await attach.getByTestId("attached").getByRole("link").click();
  await expect(page).toHaveURL(/\/decisions\/\d+(#evidence)?$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
  const item = page.getByTestId("evidence-item");
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(key);
});
