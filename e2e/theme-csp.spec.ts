// The theme toggle (which needs client JavaScript) and the Content Security Policy it runs under.
import { expect, test, type Page } from "@playwright/test";
import { sweepMainPages } from "./pages";
import { authFile, signedOut, waitForHydration } from "./support";

const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);

/** Collects CSP complaints from the console and from the browser's own violation events. */
function watchCsp(page: Page): { messages: string[] } {
  const messages: string[] = [];
  page.on("console", (msg) => {
    if (/Content[- ]Security[- ]Policy/i.test(msg.text())) messages.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => {
    if (/Content[- ]Security[- ]Policy/i.test(err.message)) messages.push(`pageerror: ${err.message}`);
  });
  return { messages };
}

/** Violations the browser reported to the page itself (recorded by an init script, which CSP does not block). */
async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} blocked ${e.blockedURI}`));
  });
});

test.describe("theme", () => {
  test.use({ storageState: authFile("viewer"), colorScheme: "light" });

  test("the toggle flips the theme and the choice survives a reload", async ({ page }) => {
    await page.goto("/");
    // With no stored choice the pre-paint script follows the system preference.
    expect(await theme(page)).toBe("light");
    const toLight = page.getByRole("button", { name: "Switch to light theme" });
    const toDark = page.getByRole("button", { name: "Switch to dark theme" });
    await waitForHydration(toDark);

    await toDark.click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expect(toLight).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem("edgewise-theme"))).toBe("dark");

    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expect(toLight).toBeVisible(); // the button agrees with the page after hydration

    await waitForHydration(toLight);
    await toLight.click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  });

  test("the dark system preference is used until the user chooses", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expect(page.getByRole("button", { name: "Switch to light theme" })).toBeVisible();
  });
});

test.describe("Content Security Policy", () => {
  test.describe("signed in", () => {
    test.use({ storageState: authFile("viewer") });

    test("pages carry a nonce-based CSP and the app hydrates under it", async ({ page }) => {
      const csp = watchCsp(page);
      const response = await page.goto("/");
      expect(response?.status()).toBe(200);
      const header = response?.headers()["content-security-policy"] ?? "";
      expect(header).toContain("default-src 'self'");
      expect(header).toContain("object-src 'none'");
      expect(header).toContain("frame-ancestors 'none'");
      const nonce = /script-src[^;]*'nonce-([^']+)'/.exec(header)?.[1];
      expect(nonce, `script-src with a nonce in: ${header}`).toBeTruthy();
      expect(header).not.toContain("'unsafe-eval'"); // a production build needs no eval
      expect(header).not.toMatch(/script-src[^;]*'unsafe-inline'/);

      // Under 'strict-dynamic' only nonced scripts in the HTML may run: every one must carry this response's nonce.
      const scriptTags = (await response!.text()).match(/<script\b[^>]*>/g) ?? [];
      expect(scriptTags.length).toBeGreaterThan(1);
      for (const tag of scriptTags) expect(tag).toContain(`nonce="${nonce}"`);
      // The inline pre-paint script ran (it is what sets data-theme before React loads).
      expect(await theme(page)).toMatch(/^(light|dark)$/);

      // JavaScript runs: the theme toggle works once React has hydrated.
      const before = (await theme(page))!;
      const toggle = page.getByRole("button", { name: /^Switch to (light|dark) theme$/ });
      await waitForHydration(toggle);
      await toggle.click();
      await expect(page.locator("html")).not.toHaveAttribute("data-theme", before);

      // Client-side navigation (RSC fetches and lazily loaded chunks) works under the policy too.
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Catalog" }).click();
      await expect(page).toHaveURL("/catalog");
      await expect(page.getByTestId("integrations-table")).toBeVisible();

      // Each document gets its own nonce.
      const again = await page.goto("/settings");
      const nonce2 = /'nonce-([^']+)'/.exec(again?.headers()["content-security-policy"] ?? "")?.[1];
      expect(nonce2).toBeTruthy();
      expect(nonce2).not.toBe(nonce);

      expect(await violations(page)).toEqual([]);
      expect(csp.messages).toEqual([]);
    });
  });

  test.describe("every main page", () => {
    let csp: { messages: string[] };
    test.beforeEach(({ page }) => {
      csp = watchCsp(page);
    });
    sweepMainPages("no CSP violation", async (page, path) => {
      expect(await violations(page), path).toEqual([]);
      expect(csp.messages, path).toEqual([]);
    });
  });

  test.describe("signed out", () => {
    test.use({ storageState: signedOut });

    test("the sign-in page carries the CSP and its form works under it", async ({ page }) => {
      const csp = watchCsp(page);
      const response = await page.goto("/login");
      expect(response?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      const form = page.getByRole("form", { name: "Sign in" });
      const submit = form.getByRole("button", { name: "Sign in" });
      await waitForHydration(submit);
      await form.getByLabel("Email").fill("nobody@example.com");
      await form.getByLabel("Password").fill("wrong-password");
      await submit.click();
      await expect(form.getByRole("alert")).toHaveText("Wrong email or password.");
      expect(await violations(page)).toEqual([]);
      expect(csp.messages).toEqual([]);
    });
  });
});
