// An admin creates a scoped API token in Settings → Tokens, uses it, and revokes it.
import { expect, test } from "@playwright/test";
import { authFile, bearer, signedOut, unique, waitForHydration } from "./support";

test.use({ storageState: authFile("admin") });

test("a catalog:read token is shown once, works, and stops working when revoked", async ({ page, playwright }) => {
  const name = unique("e2e-token");

  await page.goto("/settings/tokens");
  const form = page.getByRole("form", { name: "Create token" });
  const submit = form.getByRole("button", { name: "Create token" });
  await waitForHydration(submit);
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Owner").selectOption("admin@edgewise.local");
  await form.getByRole("checkbox", { name: "catalog:read", exact: true }).check();
  await submit.click();

  const secret = page.getByTestId("new-token");
  await expect(secret).toHaveText(/^ew_[A-Za-z0-9_-]{43}$/);
  const token = (await secret.textContent())!.trim();

  const row = page.getByTestId(`token-${name}`);
  await expect(row).toBeVisible();
  await expect(row).toContainText("admin@edgewise.local");
  await expect(row).toContainText(token.slice(0, 10));
  await expect(row.locator(".badge")).toHaveText(["catalog:read"]);
  // Only the prefix is listed, never the whole secret.
  await expect(page.getByText(token, { exact: true })).toHaveCount(1);

  // A request context of its own: no session cookie, only the bearer token.
  const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, storageState: signedOut });
  try {
    const ok = await api.get("/api/teams", { headers: bearer(token) });
    expect(ok.status()).toBe(200);
    const body = (await ok.json()) as { items: { slug: string }[] };
    expect(body.items.map((t) => t.slug)).toContain("checkout-team");

    // Shown once: after a reload the secret is gone from the page.
    await page.reload();
    await expect(page.getByTestId(`token-${name}`)).toBeVisible();
    await expect(page.getByTestId("new-token")).toHaveCount(0);
    await expect(page.getByTestId(`token-${name}`)).not.toContainText("never"); // last used is recorded

    const reloadedRow = page.getByTestId(`token-${name}`);
    await waitForHydration(reloadedRow.getByRole("button", { name: "Revoke" }));
    page.once("dialog", (dialog) => {
      expect(dialog.message()).toBe(`Revoke ${name}?`);
      void dialog.accept();
    });
    await reloadedRow.getByRole("button", { name: "Revoke" }).click();
    await expect(reloadedRow).toContainText("revoked");
    await expect(reloadedRow.getByRole("button", { name: "Revoke" })).toHaveCount(0);

    const refused = await api.get("/api/teams", { headers: bearer(token) });
    expect(refused.status()).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
  } finally {
    await api.dispose();
  }
});

test("a token needs at least one scope", async ({ page }) => {
  await page.goto("/settings/tokens");
  const form = page.getByRole("form", { name: "Create token" });
  const submit = form.getByRole("button", { name: "Create token" });
  await waitForHydration(submit);
  await form.getByLabel("Name").fill(unique("e2e-noscope"));
  await form.getByLabel("Owner").selectOption("viewer@edgewise.local");
  await submit.click();
  await expect(form.getByRole("alert")).toBeVisible();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
});
