// An admin creates a user in Settings → Users; the new user can then sign in with their role.
import { expect, test } from "@playwright/test";
import { authFile, baseURL, signedOut, signIn, unique, waitForHydration } from "./support";

test.use({ storageState: authFile("admin") });

test("an admin creates a user who can then sign in with that role", async ({ page, browser }) => {
  const email = `${unique("e2e-user")}@example.com`;
  const name = `E2E Architect ${email.slice(9, 21)}`;
  const password = `pw-${unique("secret")}`;

  await page.goto("/settings/users");
  const form = page.getByRole("form", { name: "Create user" });
  const submit = form.getByRole("button", { name: "Create user" });
  await waitForHydration(submit);
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Role").selectOption("architect");
  await form.getByLabel("Initial password").fill(password);
  await form.getByRole("checkbox", { name: "Checkout" }).check();
  await submit.click();

  await expect(form.getByRole("status")).toHaveText(`Created ${email}`);
  await expect(form.getByRole("alert")).toHaveCount(0);
  await expect(form.getByLabel("Email")).toHaveValue("");

  const row = page.getByTestId(`user-${email}`);
  await expect(row).toBeVisible();
  await expect(row).toContainText(name);
  await expect(row.getByLabel(`Role of ${email}`)).toHaveValue("architect");
  await expect(row.getByRole("cell").nth(2)).toHaveText("checkout-team");

  // The list comes from the server, not just local state: it survives a reload.
  await page.reload();
  await expect(page.getByTestId(`user-${email}`)).toBeVisible();

  const context = await browser.newContext({ baseURL: baseURL(), storageState: signedOut });
  try {
    const fresh = await context.newPage();
    await signIn(fresh, email, password);
    await expect(fresh.getByTestId("user-role")).toHaveText("architect");
    await fresh.goto("/settings");
    await expect(fresh.getByText(email)).toBeVisible();
    await expect(fresh.getByText("Teams: Checkout")).toBeVisible();
  } finally {
    await context.close();
  }
});

test("creating a user with an email that exists shows the server's error", async ({ page }) => {
  await page.goto("/settings/users");
  const form = page.getByRole("form", { name: "Create user" });
  const submit = form.getByRole("button", { name: "Create user" });
  await waitForHydration(submit);
  await form.getByLabel("Email").fill("viewer@edgewise.local");
  await form.getByLabel("Name").fill("Duplicate Viewer");
  await form.getByLabel("Initial password").fill("long-enough-password");
  await submit.click();
  await expect(form.getByRole("alert")).toBeVisible();
  await expect(form.getByRole("status")).toHaveCount(0);
});
