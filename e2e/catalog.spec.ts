// The catalog end to end: a member declares an integration point through the form (first seeing a
// validation error), edits it, sees the change in its history, finds it by search and on the
// dependency map; a viewer sees no edit controls.
import { expect, test, type Page } from "@playwright/test";
import { authFile, unique, waitForHydration } from "./support";

async function openForm(page: Page, path: string, name: string) {
  await page.goto(path);
  const form = page.getByRole("form", { name });
  await waitForHydration(form.getByRole("button", { name: name === "Declare integration point" ? "Create integration point" : "Save changes" }));
  return form;
}

test.describe("as a member of the Checkout team", () => {
  test.use({ storageState: authFile("member") });

  test("declares, edits, finds and maps an integration point", async ({ page }) => {
    const operation = unique("get-stock");
    const key = `cart->inventory:${operation}`;

    const form = await openForm(page, "/catalog/new", "Declare integration point");
    await form.getByLabel("Source service").selectOption("cart");
    await form.getByLabel("Target service").selectOption("inventory");
    await form.getByLabel("Operation").fill(operation);
    await form.getByLabel("Style").selectOption("sync");
    await form.getByLabel("Protocol").fill("grpc");
    await form.getByLabel("p50 budget (ms)").fill("300");
    await form.getByLabel("p99 budget (ms)").fill("120");
    await form.getByRole("button", { name: "Create integration point" }).click();
    // The coherence rule speaks next to the field, and nothing is created.
    await expect(page.getByTestId("error-budget.p99Ms")).toContainText("The p99 budget must be at least the p50 budget");
    await expect(page).toHaveURL("/catalog/new");

    await form.getByLabel("p50 budget (ms)").fill("30");
    await form.getByLabel("Timeout (ms)").fill("150");
    await form.getByLabel("Tags (comma-separated)").fill("e2e, stock");
    await form.getByRole("button", { name: "Create integration point" }).click();
    await expect(page).toHaveURL(`/catalog/${encodeURIComponent(key)}`);
    await expect(page.getByTestId("integration-key")).toHaveText(key);

    // Edit: raise the p99 budget.
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    const edit = page.getByRole("form", { name: "Edit integration point" });
    await waitForHydration(edit.getByRole("button", { name: "Save changes" }));
    await edit.getByLabel("p99 budget (ms)").fill("180");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(`/catalog/${encodeURIComponent(key)}`);

    // History: the change, field by field, with who made it.
    await page.getByRole("navigation", { name: "Integration point sections" }).getByRole("link", { name: "History" }).click();
    const update = page.locator('[data-testid="history-entry"][data-action="update"]');
    await expect(update).toContainText("member@edgewise.local");
    await expect(update.locator('[data-testid="history-change"][data-path="budget.p99Ms"]')).toContainText("120");
    await expect(update.locator('[data-testid="history-change"][data-path="budget.p99Ms"]')).toContainText("180");
    await expect(page.locator('[data-testid="history-entry"][data-action="create"]')).toHaveCount(1);

    // Search finds it (full text over the key).
    await page.goto("/catalog");
    const search = page.getByRole("search", { name: "Filter integration points" });
    await search.getByLabel("Search").fill(operation);
    await search.getByLabel("Search").press("Enter");
    await expect(page).toHaveURL(/[?&]q=/);
    await expect(page.getByTestId("integration-row")).toHaveCount(1);
    await expect(page.getByTestId("integration-row")).toHaveAttribute("data-key", key);

    // The dependency map draws its edge.
    await page.goto("/catalog/map?team=checkout-team");
    const map = page.getByTestId("dependency-map");
    await expect(map).toHaveAttribute("data-ready", "true", { timeout: 20_000 });
    await expect(page.locator(`[data-testid="map-edge"][data-key="${key}"]`)).toHaveCount(1);
  });

  test("cannot edit another team's integration point", async ({ page }) => {
    const key = encodeURIComponent("payments->ledger:record-authorization");
    await page.goto(`/catalog/${key}`);
    await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
    const response = await page.goto(`/catalog/${key}/edit`);
    expect(response?.status()).toBe(403);
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: authFile("viewer") });

  test("sees the declaration but no edit controls", async ({ page }) => {
    await page.goto(`/catalog/${encodeURIComponent("checkout->payments:authorize")}`);
    await expect(page.getByTestId("integration-key")).toHaveText("checkout->payments:authorize");
    await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Retire" })).toHaveCount(0);
    await page.goto("/catalog");
    await expect(page.getByTestId("integration-row").first()).toBeVisible();
    await expect(page.getByRole("link", { name: /Declare an integration point/ })).toHaveCount(0);
  });
});
