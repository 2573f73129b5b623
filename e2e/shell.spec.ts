// The signed-in frame: every role sees the product name, the navigation and its own role;
// every page opens for every reader; on a phone the navigation folds behind a menu button.
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

    test("reaches the teams from the overview's figures without a dead end", async ({ page }) => {
      await page.goto("/");
      await page.getByTestId("stat-teams").click();
      await expect(page).toHaveURL("/teams");
      await expect(page.getByTestId("team-row").first()).toBeVisible();
      await expect(page.getByTestId("forbidden")).toHaveCount(0);
      expect(await page.getByTestId("team-row").count()).toBeGreaterThanOrEqual(4);
      const tabs = page.getByRole("navigation", { name: "Catalog" });
      await expect(tabs.getByRole("link", { name: "Teams" })).toHaveAttribute("aria-current", "page");

      await page.goto("/");
      await page.getByTestId("stat-your-teams").click();
      if (role === "member") {
        // One team: straight to it, with the Teams tab (not Services) marked.
        await expect(page).toHaveURL(/\/teams\/[a-z0-9-]+$/);
        await expect(page.getByTestId("team-members")).toBeVisible();
        await expect(tabs.getByRole("link", { name: "Teams" })).toHaveAttribute("aria-current", "page");
        await expect(tabs.getByRole("link", { name: "Services" })).not.toHaveAttribute("aria-current", "page");
      } else {
        await expect(page).toHaveURL("/teams?mine=1");
        await expect(page.getByTestId("teams-empty")).toContainText("You are not in a team yet");
      }
    });
  });
}

test.describe("every page", () => {
  test.use({ storageState: authFile("viewer") });

  test("is reached through the navigation, which marks where the reader is", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Drift" }).click();
    await expect(page).toHaveURL("/drift");
    await expect(nav.getByRole("link", { name: "Drift" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Drift");
  });

  test("has a skip link past the header, and a 404 page that offers the main pages", async ({ page }) => {
    await page.goto("/catalog");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();

    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    const pages = page.getByRole("navigation", { name: "Main pages" });
    await expect(pages.getByRole("link")).toHaveText(["Catalog", "Journeys", "Findings", "Decisions", "Drift", "Settings"]);
    await pages.getByRole("link", { name: "Decisions" }).click();
    await expect(page).toHaveURL("/decisions");
  });

  test("opens for every reader", async ({ page }) => {
    test.setTimeout(90_000); // fourteen server-rendered pages, one after another
    for (const path of ["/", "/catalog", "/catalog/map", "/catalog/observed", "/services", "/teams", "/journeys", "/findings", "/scorecards", "/decisions", "/drift", "/settings/policies", "/settings/telemetry", "/settings/api"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.getByRole("heading", { level: 1 }), path).toBeVisible();
    }
  });
});
