// The command palette and the keyboard shortcuts (issue 20), driven by the keyboard alone after each
// page load: Ctrl-K and / open the palette, arrows and Enter jump, recent items come back, g + a
// letter goes to a page, ? lists the shortcuts, j/k walk a list and Enter opens the row.
import { expect, test, type Page, type Route } from "@playwright/test";
import { authFile, baseURL, openPalette, unique, waitForHydration } from "./support";

test.use({ storageState: authFile("member") });

/** Two services of the seeded member's team and two integration points between them, made as the admin. */
let names: { first: string; second: string; keys: string[] };
test.beforeAll(async ({ playwright }) => {
  const admin = await playwright.request.newContext({ baseURL: baseURL(), storageState: authFile("admin"), extraHTTPHeaders: { Origin: baseURL() } });
  const first = unique("palette");
  const second = `${first}-two`;
  for (const slug of [first, second]) {
    const res = await admin.post("/api/services", { data: { slug, name: `Palette ${slug}`, team: "checkout-team" } });
    expect(res.status(), await res.text()).toBe(201);
  }
  const keys: string[] = [];
  for (const operation of ["alpha", "beta"]) {
    const res = await admin.post("/api/integrations", { data: { sourceService: first, targetService: second, operation, style: "sync", protocol: "http", budget: { p99Ms: 200 }, resilience: { timeoutMs: 600 } } });
    expect(res.status(), await res.text()).toBe(201);
    keys.push(((await res.json()) as { key: string }).key);
  }
  await admin.dispose();
  names = { first, second, keys };
});

const option = (page: Page, href: string) => page.getByRole("dialog", { name: "Go to" }).locator(`[role="option"][data-href="${href}"]`);
const selected = (page: Page) => page.getByRole("dialog", { name: "Go to" }).locator('[role="option"][aria-selected="true"]');

test("Ctrl-K, type, arrow, Enter lands on the chosen service; / reopens with it as a recent item", async ({ page }) => {
  await page.goto("/");
  const dialog = await openPalette(page);
  const input = dialog.getByRole("combobox");
  // The live region is there, silent, before anything is said, so its first announcement is heard.
  const status = dialog.getByTestId("palette-status");
  await expect(status).toBeAttached();
  await expect(status).toHaveText("");
  await expect(input).toHaveAttribute("maxlength", "100"); // GET /api/search's limit for q
  await page.keyboard.type(names.first);
  // The exact slug first, then the prefix; the active option follows the arrows.
  await expect(selected(page)).toHaveAttribute("data-href", `/services/${names.first}`);
  await expect(option(page, `/services/${names.second}`)).toBeVisible();
  await expect(dialog.getByRole("group", { name: "Services" })).toBeVisible();
  await expect(dialog.getByRole("group", { name: "Integration points" }).getByRole("option")).toHaveCount(2);
  await expect(status).toHaveText("4 results"); // two services, two integration points
  await page.keyboard.press("ArrowDown");
  await expect(selected(page)).toHaveAttribute("data-href", `/services/${names.second}`);
  await expect(input).toHaveAttribute("aria-activedescendant", (await selected(page).getAttribute("id"))!);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/services/${names.second}`);
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Palette ${names.second}`);

  await waitForHydration(page.getByTestId("palette-button"));
  await page.keyboard.press("/");
  await expect(dialog).toBeVisible();
  const recent = dialog.getByRole("group", { name: "Recent" });
  await expect(recent.getByRole("option").first()).toHaveAttribute("data-href", `/services/${names.second}`);
  await expect(selected(page)).toHaveAttribute("data-href", `/services/${names.second}`);
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem("edgewise-recent") ?? "[]")[0]?.href)).toBe(`/services/${names.second}`);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("pages are found without the server, an unknown text says so, and Esc gives focus back", async ({ page }) => {
  await page.goto("/catalog");
  await waitForHydration(page.getByTestId("palette-button"));
  await page.keyboard.press("Tab"); // the skip link
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  const dialog = await openPalette(page);
  await page.keyboard.type("zzqq-nothing-here");
  await expect(dialog.getByTestId("palette-empty")).toHaveText(/No matches for “zzqq-nothing-here”/);
  await expect(dialog.getByTestId("palette-status")).toHaveText("No results for “zzqq-nothing-here”");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(skip).toBeFocused();

  await page.keyboard.press("Control+K");
  await page.keyboard.type("drift");
  await expect(dialog.getByRole("group", { name: "Pages" }).getByRole("option")).toHaveText([/Drift/]);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/drift");
});

/** Holds every GET /api/search until `release` is called, so a spec decides when the answer arrives. */
async function holdSearch(page: Page, answer: (route: Route, q: string) => Promise<void>) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname === "/api/search",
    async (route) => {
      await released;
      // The palette may have closed and aborted the request meanwhile.
      await answer(route, new URL(route.request().url()).searchParams.get("q") ?? "").catch(() => {});
    },
  );
  return release;
}

test("the highlight stays on its option while results arrive ahead of it; Enter opens it before they do", async ({ page }) => {
  await page.goto("/");
  // Enter while the search is pending opens what is highlighted, not what arrives later.
  const releaseFirst = await holdSearch(page, (route) => route.continue());
  let dialog = await openPalette(page);
  await page.keyboard.type("drif");
  await expect(selected(page)).toHaveAttribute("data-href", "/drift");
  await expect(dialog.getByTestId("palette-status")).toHaveText("Searching…");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/drift");
  await expect(dialog).toBeHidden();
  releaseFirst();
  await page.unrouteAll({ behavior: "ignoreErrors" });

  // A server group that ranks ahead of the pages (an exact hit) arrives above the highlighted page.
  const service = { kind: "service", key: names.first, label: `Palette ${names.first}`, detail: "", href: `/services/${names.first}`, tier: "exact" };
  const release = await holdSearch(page, (route, q) => route.fulfill({ json: { query: q, groups: [{ kind: "service", more: false, items: [service] }] } }));
  dialog = await openPalette(page);
  const input = dialog.getByRole("combobox");
  await page.keyboard.type("dri");
  await expect(selected(page)).toHaveAttribute("data-href", "/drift");
  release();
  await expect(dialog.getByRole("option").first()).toHaveAttribute("data-href", service.href);
  await expect(dialog.getByTestId("palette-status")).toHaveText("2 results");
  await expect(selected(page)).toHaveAttribute("data-href", "/drift");
  await page.keyboard.press("ArrowUp");
  await expect(selected(page)).toHaveAttribute("data-href", service.href);
  // Home and End move the caret in the text, not the highlight.
  await page.keyboard.press("Home");
  await expect.poll(() => input.evaluate((el: HTMLInputElement) => el.selectionStart)).toBe(0);
  await page.keyboard.press("End");
  await expect.poll(() => input.evaluate((el: HTMLInputElement) => el.selectionStart)).toBe(3);
  await expect(selected(page)).toHaveAttribute("data-href", service.href);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.unrouteAll({ behavior: "ignoreErrors" });
});

test("g then a letter goes to a main page; ? lists the shortcuts; nothing fires while typing", async ({ page }) => {
  await page.goto("/");
  await waitForHydration(page.getByTestId("palette-button"));
  await page.keyboard.press("g");
  await page.keyboard.press("c");
  await expect(page).toHaveURL("/catalog");
  await expect(page.getByTestId("integrations-table")).toBeVisible();
  await page.keyboard.press("g");
  await page.keyboard.press("o");
  await expect(page).toHaveURL("/");
  await page.keyboard.press("g");
  await page.keyboard.press("c");
  await expect(page).toHaveURL("/catalog");

  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  const go = help.getByTestId("go-shortcuts");
  await expect(go).toContainText("g c");
  await expect(go).toContainText("Catalog");
  await expect(go).toContainText("g r"); // Drift: d is Decisions'
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // In the catalog's search box the same keys are text.
  const search = page.getByRole("search", { name: "Filter integration points" }).getByLabel("Search");
  await waitForHydration(search);
  for (let i = 0; i < 40 && !(await search.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(search).toBeFocused();
  await page.keyboard.type("gd/?j");
  await expect(search).toHaveValue("gd/?j");
  await expect(page).toHaveURL("/catalog");
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("j/k move a visible row focus through the catalog and Enter opens the row", async ({ page }) => {
  await page.goto(`/catalog?q=${names.first}`);
  const rows = page.getByTestId("integration-row");
  await expect(rows).toHaveCount(2); // the filtered list has loaded
  await waitForHydration(page.getByTestId("palette-button"));
  await page.keyboard.press("j");
  await expect(rows.nth(0)).toBeFocused();
  await page.keyboard.press("j");
  await expect(rows.nth(1)).toBeFocused();
  // The focused row is visibly marked.
  expect(await rows.nth(1).evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
  await page.keyboard.press("j"); // held at the end
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press("k");
  await expect(rows.nth(0)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/catalog/${encodeURIComponent(names.keys[0]!)}`);
});

test("j/k and Enter work on the decisions list too", async ({ page }) => {
  await page.goto("/decisions");
  const rows = page.getByTestId("decision-row");
  await expect(rows.first()).toBeVisible();
  await waitForHydration(page.getByTestId("palette-button"));
  const second = await rows.nth(1).getAttribute("data-number");
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/decisions/${second}`);
});
