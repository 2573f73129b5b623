// The signed-in frame: every role sees the product name, the navigation and its own role;
// every page opens for every reader; on a phone the navigation folds behind a menu button.
import { expect, test, type Response } from "@playwright/test";
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

// WCAG 2.1.4: single-key shortcuts can be turned off. The e2e run shares one server and one user per
// role across specs, so the preference is put back after the test whatever happened in it.
test.describe("single-key shortcuts", () => {
  test.use({ storageState: authFile("viewer") });
  const isPreferencesPatch = (r: Response) => r.url().endsWith("/api/me/preferences") && r.request().method() === "PATCH";

  test.afterEach(async ({ page }) => {
    const restored = await page.request.patch("/api/me/preferences", { data: { singleKeyShortcuts: true } });
    expect(restored.status()).toBe(200);
  });

  test("are turned off in Settings and back on: off, ? / g c do nothing, Ctrl-K still opens the palette", async ({ page }) => {
    await page.goto("/settings");
    const box = page.getByTestId("settings-single-key-shortcuts").getByRole("checkbox", { name: "Single-key shortcuts (j, k, g, ?, /)" });
    const status = page.getByTestId("single-key-shortcuts-status");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    const palette = page.getByRole("dialog", { name: "Go to" });
    await expect(box).toBeChecked();
    await waitForHydration(box);

    const off = page.waitForResponse(isPreferencesPatch);
    await box.click();
    expect((await off).status()).toBe(200);
    await expect(box).not.toBeChecked();
    await expect(status).toHaveText("Saved");
    await expect(box).toBeFocused();
    expect(await (await page.request.get("/api/me/preferences")).json()).toMatchObject({ singleKeyShortcuts: false });

    // Focus on a checkbox is not typing: these keys would act if the shortcuts were on. Keys are
    // handled in order, so once Ctrl-K's palette is open the earlier ones have had their chance.
    await page.keyboard.press("?");
    await page.keyboard.press("g");
    await page.keyboard.press("c");
    await page.keyboard.press("Control+K");
    await expect(palette).toBeVisible();
    await expect(help).toBeHidden();
    await expect(page).toHaveURL("/settings");
    await page.keyboard.press("Escape");
    await expect(palette).toBeHidden();

    // Kept on the user: still off after a reload, and / no longer opens the palette.
    await page.reload();
    await expect(box).not.toBeChecked();
    const button = page.getByTestId("palette-button");
    await waitForHydration(button);
    await expect(button).toHaveAttribute("aria-keyshortcuts", "Control+K Meta+K");
    await page.locator("main#main").focus();
    await page.keyboard.press("/");
    await page.keyboard.press("?");
    await page.keyboard.press("Control+K");
    await expect(palette).toBeVisible();
    await expect(palette.getByRole("combobox")).toHaveValue("");
    await expect(help).toBeHidden();
    await page.keyboard.press("Escape");

    // Back on from the same checkbox: ? opens the help, which says where they are turned off.
    const on = page.waitForResponse(isPreferencesPatch);
    await box.click();
    expect((await on).status()).toBe(200);
    await expect(box).toBeChecked();
    await expect(status).toHaveText("Saved");
    await expect(button).toHaveAttribute("aria-keyshortcuts", "Control+K Meta+K /");
    await page.keyboard.press("?");
    await expect(help).toBeVisible();
    await expect(help.getByTestId("single-key-setting")).toContainText("turn them off under Settings");
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();
  });
});
