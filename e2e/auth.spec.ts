// Signing in and out, and who may open which page.
import { expect, test } from "@playwright/test";
import { authFile, DEMO_PASSWORD, demoEmail, signedOut, signIn, waitForHydration } from "./support";

const ADMIN_PAGES = ["/settings/users", "/settings/tokens", "/settings/teams"] as const;

test.describe("signed out", () => {
  test.use({ storageState: signedOut });

  test("a wrong password shows an error and stays on /login", async ({ page }) => {
    await page.goto("/login");
    const form = page.getByRole("form", { name: "Sign in" });
    const submit = form.getByRole("button", { name: "Sign in" });
    await waitForHydration(submit);
    await form.getByLabel("Email").fill(demoEmail("architect"));
    await form.getByLabel("Password").fill("not-the-password");
    await submit.click();
    await expect(form.getByRole("alert")).toHaveText("Wrong email or password.");
    await expect(page).toHaveURL(/\/login(\?|$)/);
    await expect(submit).toBeEnabled();
    // The password must not have ended up in the address bar (a native form submit would put it there).
    expect(page.url()).not.toContain("not-the-password");
    const session = await page.request.get("/api/auth/session");
    expect(await session.json()).toEqual({});
  });

  test("without JavaScript the form cannot leak the password into the URL", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, storageState: signedOut });
    const page = await context.newPage();
    await page.goto("/login");
    const form = page.getByRole("form", { name: "Sign in" });
    await expect(form).toHaveAttribute("method", "post");
    // The button stays disabled until the sign-in script has loaded.
    await expect(form.getByRole("button", { name: "Sign in" })).toBeDisabled();
    await form.getByLabel("Email").fill(demoEmail("viewer"));
    await form.getByLabel("Password").fill("secret-in-url");
    await form.getByLabel("Password").press("Enter");
    expect(page.url()).not.toContain("secret-in-url");
    await context.close();
  });

  test("visiting /settings redirects to /login and back after signing in", async ({ page }) => {
    await page.goto("/settings");
    await expect(page).toHaveURL("/login?callbackUrl=%2Fsettings");
    await expect(page.getByRole("form", { name: "Sign in" })).toBeVisible();

    const form = page.getByRole("form", { name: "Sign in" });
    const submit = form.getByRole("button", { name: "Sign in" });
    await waitForHydration(submit);
    await form.getByLabel("Email").fill(demoEmail("viewer"));
    await form.getByLabel("Password").fill(DEMO_PASSWORD);
    await submit.click();
    await expect(page).toHaveURL("/settings");
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  });

  test("the API does not redirect: it answers 401", async ({ request }) => {
    const response = await request.get("/api/users", { maxRedirects: 0 });
    expect(response.status()).toBe(401);
  });
});

for (const role of ["viewer", "member"] as const) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: authFile(role) });

    for (const path of ADMIN_PAGES) {
      test(`${path} is refused with a friendly 403 page`, async ({ page }) => {
        const response = await page.goto(path);
        expect(response?.status()).toBe(403);
        const forbidden = page.getByTestId("forbidden");
        await expect(forbidden).toBeVisible();
        await expect(forbidden.getByRole("heading")).toHaveText("You don't have access to this page");
        // Nothing of the admin screen leaks through.
        await expect(page.getByRole("form", { name: /^Create (user|token|team)$/ })).toHaveCount(0);
        await forbidden.getByRole("link", { name: "Back to the overview" }).click();
        await expect(page).toHaveURL("/");
      });
    }

    test("Settings says admin pages are managed by admins, without links to them", async ({ page }) => {
      await page.goto("/settings");
      await expect(page.getByText("Users, teams and API tokens are managed by admins.")).toBeVisible();
      // Only the pages everyone may read; no admin pages.
      await expect(page.locator('a[href^="/settings/"]')).toHaveText([/Policies/, /Telemetry/, /Notifications/, /API reference/]);
    });
  });
}

test.describe("as admin", () => {
  test.use({ storageState: authFile("admin") });

  test("the admin pages open", async ({ page }) => {
    for (const [path, title] of [
      ["/settings/users", "Users"],
      ["/settings/tokens", "API tokens"],
      ["/settings/teams", "Teams"],
    ] as const) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await expect(page.getByTestId("forbidden")).toHaveCount(0);
    }
  });
});

test.describe("signing out", () => {
  test.use({ storageState: signedOut });

  test("from the user menu lands on /login and ends the session", async ({ page }) => {
    // A session of its own, so signing out cannot disturb the stored ones.
    await signIn(page, demoEmail("viewer"), DEMO_PASSWORD);
    const menuButton = page.getByTestId("user-menu");
    await waitForHydration(menuButton);
    await menuButton.click();
    const menu = page.getByRole("menu");
    await expect(menu).toContainText(demoEmail("viewer"));
    await menu.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login(\?|$)/);
    await expect(page.getByRole("form", { name: "Sign in" })).toBeVisible();

    await page.goto("/");
    await expect(page).toHaveURL("/login?callbackUrl=%2F");
    expect(await (await page.request.get("/api/auth/session")).json()).toEqual({});
  });
});
