// The main pages of the app, shared by the specs that sweep every page (CSP in e2e/theme-csp.spec.ts,
// accessibility in e2e/a11y.spec.ts). Add a page here and both checks cover it.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { authFile, baseURL, openPalette } from "./support";

export const SAMPLE_INTEGRATION = "checkout->payments:authorize";
const key = encodeURIComponent(SAMPLE_INTEGRATION);

export interface MainPage {
  name: string;
  path: string;
  /** Puts the page in the state to check (an open dialog), after it has loaded. */
  open?: (page: Page) => Promise<void>;
}

/** Paths that need a record made first (a decision) get it from `decisionNumber`. */
export function mainPages(decisionNumber: number): MainPage[] {
  return [
    { name: "overview", path: "/" },
    { name: "catalog list", path: "/catalog" },
    { name: "integration overview", path: `/catalog/${key}` },
    { name: "integration history", path: `/catalog/${key}?tab=history` },
    { name: "integration latency", path: `/catalog/${key}?tab=latency` },
    { name: "integration findings", path: `/catalog/${key}?tab=findings` },
    { name: "integration decisions", path: `/catalog/${key}?tab=decisions` },
    { name: "new integration form", path: "/catalog/new" },
    { name: "edit integration form", path: `/catalog/${key}/edit` },
    { name: "dependency map", path: "/catalog/map" },
    { name: "observed edges", path: "/catalog/observed" },
    { name: "catalog import", path: "/catalog/import" },
    { name: "services", path: "/services" },
    { name: "service", path: "/services/checkout" },
    { name: "teams", path: "/teams" },
    { name: "team", path: "/teams/checkout-team" },
    { name: "journeys", path: "/journeys" },
    { name: "journey", path: "/journeys/place-order" },
    { name: "new journey form", path: "/journeys/new" },
    { name: "findings", path: "/findings" },
    { name: "findings grouped by rule", path: "/findings?groupBy=rule" },
    { name: "scorecards", path: "/scorecards" },
    { name: "decisions list", path: "/decisions" },
    { name: "decision detail", path: `/decisions/${decisionNumber}` },
    { name: "new decision form", path: "/decisions/new" },
    { name: "drift", path: "/drift" },
    { name: "settings", path: "/settings" },
    { name: "settings: policies", path: "/settings/policies" },
    { name: "settings: telemetry", path: "/settings/telemetry" },
    { name: "settings: users", path: "/settings/users" },
    { name: "settings: teams", path: "/settings/teams" },
    { name: "settings: API tokens", path: "/settings/tokens" },
    { name: "settings: notifications", path: "/settings/notifications" },
    { name: "settings: audit log", path: "/settings/audit" },
    { name: "settings: API reference", path: "/settings/api" },
    {
      name: "command palette, open with results",
      path: "/",
      open: async (page) => {
        const dialog = await openPalette(page);
        await page.keyboard.type("checkout->payments:auth");
        await expect(dialog.getByRole("option", { name: /checkout->payments:authorize/ })).toBeVisible();
      },
    },
    {
      name: "command palette, no matches",
      path: "/catalog",
      open: async (page) => {
        const dialog = await openPalette(page);
        await page.keyboard.type("zzqq-no-such-thing");
        await expect(dialog.getByTestId("palette-empty")).toBeVisible();
      },
    },
    {
      name: "keyboard shortcuts help",
      path: "/",
      open: async (page) => {
        await openPalette(page);
        await page.keyboard.press("Escape");
        await page.keyboard.press("?");
        await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
      },
    },
  ];
}

/** A decision record to look at, made through the API by whoever `request` is signed in as. */
export async function sampleDecision(request: APIRequestContext, baseURL: string, title: string): Promise<number> {
  const res = await request.post("/api/decisions", { data: { title, context: "Made by the page sweep.", tags: ["e2e"] }, headers: { Origin: baseURL } });
  if (res.status() !== 201) throw new Error(`POST /api/decisions answered ${res.status()}: ${await res.text()}`);
  return ((await res.json()) as { number: number }).number;
}

/**
 * One test per main page, as an admin (who sees the most): opens the page, waits for its data, then
 * runs `check`. Call inside a describe block; `what` ends each test's title.
 */
export function sweepMainPages(what: string, check: (page: Page, path: string) => Promise<void>) {
  test.use({ storageState: authFile("admin") });
  let decision = 0;
  test.beforeAll(async ({ playwright }) => {
    const admin = await playwright.request.newContext({ baseURL: baseURL(), storageState: authFile("admin") });
    decision = await sampleDecision(admin, baseURL(), `Page sweep sample record (${what})`);
    await admin.dispose();
  });
  // The page list is fixed; the decision number is known only once beforeAll has run.
  for (const [index, { name }] of mainPages(0).entries()) {
    test(`${name}: ${what}`, async ({ page }) => {
      test.setTimeout(90_000); // first visits render 30 days of telemetry on a shared, busy machine
      const { path, open } = mainPages(decision)[index]!;
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await page.waitForLoadState("networkidle");
      await open?.(page);
      await check(page, path);
    });
  }
}
