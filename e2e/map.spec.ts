// The dependency map of a big estate, on the demo data: grouped by team or by system, a team or a
// system opened from its group, and a service's neighbourhood N hops out — each view cut by the server
// and kept in the URL.
import { expect, test } from "@playwright/test";
import { authFile, cliCreateToken, postCreated, unique } from "./support";

test.use({ storageState: authFile("member") });

test("groups the estate by team, and opens a team from the pairs of teams", async ({ page }) => {
  await page.goto("/catalog/map?group=team");
  const map = page.getByTestId("dependency-map");
  await expect(map).toHaveAttribute("data-mode", "grouped");
  await expect(map).toHaveAttribute("data-ready", "true", { timeout: 20_000 });
  await expect(page.getByText(/teams \(\d+ services\) and \d+ integration points, grouped by team/)).toBeVisible();
  await expect(page.getByTestId("map-grouping")).toHaveValue("team");

  // The text alternative lists pairs of teams; one opens its source team's view.
  await page.getByText(/List the \d+ pairs of teams in view/).click();
  const pair = page.getByTestId("map-group-edge").filter({ hasText: /^Checkout → Payments/ });
  await expect(pair).toContainText(/\d+ integration points?/);
  await pair.getByRole("link").click();
  await expect(page).toHaveURL(/[?&]team=checkout-team/);
  await expect(map).toHaveAttribute("data-mode", "team");
  await expect(map).toHaveAttribute("data-ready", "true", { timeout: 20_000 });
  await expect(page.locator('[data-testid="map-edge"][data-key="checkout->payments:authorize"]')).toHaveCount(1);
});

test("focuses on a service and widens its neighbourhood hop by hop", async ({ page }) => {
  // It lays out the whole e2e estate (300-odd services) twice: 13 s for the first under a loaded CI run.
  test.setTimeout(60_000);
  // Every service, however many the other specs have added (above 300 the default is grouped by team).
  await page.goto("/catalog/map?group=none");
  const map = page.getByTestId("dependency-map");
  await expect(map).toHaveAttribute("data-ready", "true", { timeout: 20_000 });
  await expect(map).toHaveAttribute("data-mode", "estate");
  const all = Number(await map.getAttribute("data-node-count"));

  await page.getByTestId("map-focus-input").fill("ledger");
  await page.getByRole("button", { name: "Focus", exact: true }).click();
  await expect(page).toHaveURL(/[?&]focus=ledger/);
  await expect(map).toHaveAttribute("data-mode", "focus");
  await expect(map).toHaveAttribute("data-ready", "true", { timeout: 20_000 });
  await expect(page.getByText(/within 1 hop of ledger/)).toBeVisible();
  const near = Number(await map.getAttribute("data-node-count"));
  expect(near).toBeGreaterThan(1);
  expect(near).toBeLessThan(all);

  await page.getByTestId("map-hops").selectOption("3");
  await expect(page).toHaveURL(/[?&]hops=3/);
  await expect(page.getByText(/within 3 hops of ledger/)).toBeVisible();
  await expect(map).toHaveAttribute("data-ready", "true", { timeout: 20_000 });
  await expect.poll(async () => Number(await map.getAttribute("data-node-count"))).toBeGreaterThan(near);

  // A slug that names no service says so; clearing the focus brings the whole estate back.
  await page.goto("/catalog/map?focus=no-such-service&group=none");
  await expect(page.getByText("No service is called “no-such-service”.")).toBeVisible();
  await page.getByRole("button", { name: "Clear focus" }).click();
  await expect(page).not.toHaveURL(/focus=/);
  await expect(map).toHaveAttribute("data-mode", "estate");
});

test("groups the estate by Backstage system, and opens a system from the pairs of systems", async ({ page, request }) => {
  const token = await cliCreateToken({ name: unique("map-systems"), scopes: ["admin"], user: "admin@edgewise.local" });
  const team = unique("map-sys-team");
  await postCreated(request, token, "/api/teams", { slug: team, name: `Team ${team}` });
  const [shop, pay] = [unique("shop-sys"), unique("pay-sys")];
  const [cart, checkout, ledger] = [unique("cart"), unique("checkout"), unique("ledger")];
  await postCreated(request, token, "/api/services", { slug: cart, name: "Cart", team, system: shop });
  await postCreated(request, token, "/api/services", { slug: checkout, name: "Checkout", team, system: shop });
  await postCreated(request, token, "/api/services", { slug: ledger, name: "Ledger", team, system: pay });
  for (const [source, target] of [[cart, checkout], [checkout, ledger]] as const) {
    await postCreated(request, token, "/api/integrations", { sourceService: source, targetService: target, operation: "call", style: "sync", protocol: "http", budget: { p99Ms: 200 }, resilience: { timeoutMs: 600 } });
  }

  await page.goto("/catalog/map?group=system");
  const map = page.getByTestId("dependency-map");
  await expect(map).toHaveAttribute("data-mode", "grouped-system");
  await expect(map).toHaveAttribute("data-ready", "true", { timeout: 20_000 });
  await expect(page.getByTestId("map-grouping")).toHaveValue("system");
  await expect(page.getByText(/systems? \(\d+ services\) and \d+ integration points, grouped by system: click a system to open it/)).toBeVisible();

  await page.getByText(/List the \d+ pairs of systems in view/).click();
  const pair = page.getByTestId("map-group-edge").filter({ hasText: new RegExp(`^${shop} → ${pay}`) });
  await expect(pair).toContainText("1 integration point");
  await pair.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`[?&]system=${shop}`));
  await expect(map).toHaveAttribute("data-mode", "system");
  await expect(map).toHaveAttribute("data-ready", "true", { timeout: 20_000 });
  await expect(page.getByText(`3 services and 2 integration points for the ${shop} system`)).toBeVisible();
  await expect(page.locator(`[data-testid="map-edge"][data-key="${checkout}->${ledger}:call"]`)).toHaveCount(1);

  // Changing the grouping closes the system.
  await page.getByTestId("map-grouping").selectOption("team");
  await expect(page).not.toHaveURL(/system=/);
  await expect(map).toHaveAttribute("data-mode", "grouped");
});
