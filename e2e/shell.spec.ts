// The signed-in frame: every role sees the product name, the navigation and its own role;
// pages that are not built say so; on a phone the navigation folds behind a menu button.
import { expect, test } from "@playwright/test";
import { authFile, NAV_LABELS, ROLES, waitForHydration } from "./support";

for (const role of ROLES) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: authFile(role) });

    test("sees the shell with navigation and its role", async ({ page }) => {
      await page.goto("/");
      const header = page.getByRole("banner");
      await expect(header.getByRole("link", { name: "Edgewise" })).toBeVisible();
      const nav = header.getByRole("navigation", { name: "Main" });
      // Decisions may carry the count of records awaiting this user's review.
      await expect(nav.getByRole("link")).toHaveText(NAV_LABELS.map((l) => (l === "Decisions" ? /^Decisions\d*$/ : l)));
      await expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
      await expect(page.getByTestId("user-role")).toHaveText(role);
      await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
      // Figures come from the database: the seeded estate has 4 teams and 16 services (specs may add more).
      const stat = async (id: string) => Number(await page.getByTestId(id).textContent());
      expect(await stat("stat-teams")).toBeGreaterThanOrEqual(4);
      expect(await stat("stat-services")).toBeGreaterThanOrEqual(16);
      await expect(page.getByTestId("stat-your-teams")).toHaveText(role === "member" ? "1" : "0");
    });
  });
}

test.describe("pages that are not built yet", () => {
  test.use({ storageState: authFile("viewer") });

  test("say so plainly, reached through the navigation", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Drift" }).click();
    await expect(page).toHaveURL("/drift");
    await expect(nav.getByRole("link", { name: "Drift" })).toHaveAttribute("aria-current", "page");
    const notBuilt = page.getByTestId("not-built");
    await expect(notBuilt).toBeVisible();
    await expect(notBuilt.getByRole("heading")).toHaveText("Drift is not built yet");
  });

  test("built pages open for every reader", async ({ page }) => {
    for (const path of ["/catalog", "/catalog/map", "/catalog/observed", "/services", "/journeys", "/findings", "/scorecards", "/decisions", "/settings/policies", "/settings/telemetry"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.getByTestId("not-built"), path).toHaveCount(0);
    }
  });
});

test.describe("on a phone", () => {
  test.use({ storageState: authFile("member"), viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the navigation sits behind a menu button", async ({ page }) => {
    await page.goto("/");
    const menu = page.getByRole("button", { name: "Menu" });
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(menu).toBeVisible();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(nav).toBeHidden();

    await waitForHydration(menu);
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(nav).toBeVisible();
    for (const label of NAV_LABELS) await expect(nav.getByRole("link", { name: label })).toBeVisible();

    // Choosing a link navigates and folds the menu away again.
    await nav.getByRole("link", { name: "Catalog" }).click();
    await expect(page).toHaveURL("/catalog");
    await expect(nav).toBeHidden();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
  });
});
