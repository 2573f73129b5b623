// Names are whatever telemetry sends: a service name of a thousand characters must not widen the
// page or push columns out of view. It is clipped with an ellipsis, its full text in the tooltip.
import { expect, test, type Page } from "@playwright/test";
import { authFile, cliCreateToken, sendClientSpans, unique } from "./support";

test.use({ storageState: authFile("architect") });

/** How far the document reaches past the viewport, in CSS pixels (0 when it fits). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test("a 240-character service name (near the 255-character bound) from telemetry widens neither the overview nor the observed edges, on desktop or phone", async ({ page, request }) => {
  const token = await cliCreateToken({ name: unique("long-names"), scopes: ["telemetry:write"], user: "admin@edgewise.local" });
  const caller = `${unique("svc")}-${"x".repeat(220)}`;
  const now = Date.now();
  await sendClientSpans(request, token, caller, unique("callee"), "op", Array.from({ length: 5 }, (_, i) => ({ startMs: now - 60_000 + i * 1000, durationMs: 5 })));

  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/catalog/observed");
    const row = page.locator(`[data-testid="observed-edge"][data-edge^="${caller}->"]`);
    await expect(row).toBeVisible();
    const name = row.getByTestId("clipped").first();
    await expect(name).toHaveAttribute("title", caller);
    expect(await overflow(page), `observed edges at ${width} px`).toBeLessThanOrEqual(0);
    // The calls column stays near: unclipped, 240 monospace characters would push it past 1,900 px.
    const cell = await row.locator("td").nth(1).boundingBox();
    expect(cell!.x, `calls column at ${width} px`).toBeLessThan(1600);

    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Integration points by status" })).toBeVisible();
    expect(await overflow(page), `overview at ${width} px`).toBeLessThanOrEqual(0);
  }
});
