// Accessibility: axe-core on every main page (no serious or critical violations), and the three core
// workflows done with the keyboard alone — after the first page load, nothing but page.keyboard.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { sweepMainPages } from "./pages";
import { authFile, signedOut, unique, waitForHydration } from "./support";

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(1).join("; ")}`).join("\n")}`);
}

test.describe("axe on every main page, as an admin", () => {
  sweepMainPages("no serious or critical violations", async (page, path) => {
    expect(await seriousViolations(page), path).toEqual([]);
  });
});

test.describe("axe, signed out", () => {
  test.use({ storageState: signedOut });
  test("sign-in page: no serious or critical violations", async ({ page }) => {
    await page.goto("/login");
    await page.waitForLoadState("networkidle");
    expect(await seriousViolations(page)).toEqual([]);
  });
});

// ---- keyboard only ----------------------------------------------------------------------------------

/** What a screen reader would announce for the focused element, roughly: its label, aria-label or text. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as (HTMLElement & { labels?: NodeListOf<HTMLLabelElement> }) | null;
    if (!el || el === document.body) return "";
    const label = el.labels?.[0]?.textContent ?? "";
    return `${el.getAttribute("aria-label") ?? ""} ${label} ${el.tagName === "INPUT" || el.tagName === "SELECT" || el.tagName === "TEXTAREA" ? "" : (el.textContent ?? "")}`.replace(/\s+/g, " ").trim();
  });

/** Presses Tab until the focused element's name matches (as a keyboard user would), failing if it never does. */
async function tabTo(page: Page, name: RegExp, maxPresses = 120): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press("Tab");
    const current = await focusedName(page);
    if (name.test(current)) return;
    seen.push(current);
  }
  throw new Error(`Tab never reached ${name}; focus went through:\n${seen.join("\n")}`);
}

/** Whether the focused element shows a focus indicator (an outline or a box-shadow ring). */
const focusVisible = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return false;
    const style = getComputedStyle(el);
    return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
  });

test.describe("keyboard only", () => {
  test("catalog: Tab to the search, filter, open an integration point with Enter", async ({ browser }) => {
    const context = await browser.newContext({ storageState: authFile("viewer") });
    const page = await context.newPage();
    await page.goto("/catalog");
    await waitForHydration(page.getByRole("search", { name: "Filter integration points" }).getByLabel("Search"));

    await tabTo(page, /^Search$/);
    expect(await focusVisible(page), "the focused search box shows a focus ring").toBe(true);
    await page.keyboard.type("authorize");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/[?&]q=authorize/);
    await expect(page.getByTestId("integration-row").first()).toBeVisible();

    await tabTo(page, /^checkout\s*->\s*payments\s*:\s*authorize$/);
    expect(await focusVisible(page), "the focused link shows a focus ring").toBe(true);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(`/catalog/${encodeURIComponent("checkout->payments:authorize")}`);
    await expect(page.getByTestId("integration-key")).toHaveText("checkout->payments:authorize");
    await context.close();
  });

  test("integration form: fill and submit with the keyboard", async ({ browser }) => {
    const context = await browser.newContext({ storageState: authFile("member") });
    const page = await context.newPage();
    const operation = unique("kbd-op");
    await page.goto("/catalog/new");
    const form = page.getByRole("form", { name: "Declare integration point" });
    await waitForHydration(form.getByRole("button", { name: "Create integration point" }));

    // A focused closed <select> takes type-ahead, as it does for any keyboard user.
    await tabTo(page, /^Source service/);
    await page.keyboard.type("Cart");
    await tabTo(page, /^Target service/);
    await page.keyboard.type("Inventory");
    await tabTo(page, /^Operation/);
    await page.keyboard.type(operation);
    await tabTo(page, /^Style/);
    await page.keyboard.type("Sync");
    await tabTo(page, /^Protocol/);
    await page.keyboard.type("grpc");
    await tabTo(page, /^p50 budget/);
    await page.keyboard.type("20");
    await tabTo(page, /^p99 budget/);
    await page.keyboard.type("120");
    await tabTo(page, /^Create integration point$/);
    await page.keyboard.press("Enter");

    const key = `cart->inventory:${operation}`;
    await expect(page).toHaveURL(`/catalog/${encodeURIComponent(key)}`);
    await expect(page.getByTestId("integration-key")).toHaveText(key);
    await context.close();
  });

  test("decision workflow: draft a record and propose it with the keyboard", async ({ browser }) => {
    const context = await browser.newContext({ storageState: authFile("member") });
    const page = await context.newPage();
    const title = `Keyboard ${unique("adr")}`;
    await page.goto("/decisions/new");
    const form = page.getByRole("form", { name: "New decision" });
    await waitForHydration(form.getByRole("button", { name: "Save draft" }));

    await tabTo(page, /^Title/);
    await page.keyboard.type(title);
    await tabTo(page, /^Context and problem statement/);
    await page.keyboard.type("Typed without a mouse.");
    await tabTo(page, /^Save draft$/);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/decisions\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(title);

    const propose = page.locator('[data-testid="transition"][data-to="proposed"]');
    await waitForHydration(propose);
    await tabTo(page, /^Propose$/);
    await page.keyboard.press("Enter");
    await expect(page.locator('[data-testid="timeline-entry"][data-kind="transition"]').filter({ hasText: /proposed/i })).toBeVisible();
    await context.close();
  });
});
