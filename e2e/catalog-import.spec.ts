// Catalog as code in the browser: an admin pastes YAML, previews the planned creation (nothing applied
// yet), applies it, and finds the new integration point in the catalog.
import { expect, test } from "@playwright/test";
import { authFile, unique, waitForHydration } from "./support";

test.use({ storageState: authFile("admin") });

test("pastes YAML, previews the plan, applies it and finds the integration point in the catalog", async ({ page }) => {
  const operation = unique("reserve");
  const key = `cart->inventory:${operation}`;
  const yaml = `apiVersion: edgewise.dev/v1
kind: Integration
metadata:
  name: ${key}
spec:
  sourceService: cart
  targetService: inventory
  operation: ${operation}
  style: sync
  protocol: grpc
  budget: { p50Ms: 20, p95Ms: 60, p99Ms: 120 }
  resilience: { timeoutMs: 150 }
  tags: [e2e]
`;
  await page.goto("/catalog/import");
  await expect(page.getByRole("link", { name: "Download the catalog (YAML)" })).toHaveAttribute("href", "/api/catalog/export?format=edgewise");

  const form = page.getByRole("form", { name: "Catalog YAML" });
  const preview = form.getByRole("button", { name: "Preview" });
  await waitForHydration(preview);
  // A broken document first: the issue is shown with its file, line and field, and nothing is offered to apply.
  await form.getByLabel("Or paste YAML").fill(yaml.replace("p99Ms: 120", "p99Ms: 10"));
  await preview.click();
  await expect(page.getByTestId("import-issues-danger")).toContainText("pasted.yaml");
  await expect(page.getByTestId("import-issues-danger")).toContainText("spec.budget.p99Ms: The p99 budget must be at least the p95 budget");
  await expect(form.getByRole("button", { name: "Apply" })).toHaveCount(0);

  await form.getByLabel("Or paste YAML").fill(yaml);
  await preview.click();
  const created = page.getByTestId("plan-created");
  await expect(created).toContainText("Will be created");
  await expect(created).toContainText(key);
  // A preview applies nothing.
  expect((await page.request.get(`/api/integrations/${encodeURIComponent(key)}`)).status()).toBe(404);

  await form.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("import-done")).toHaveText("Imported: 1 created, 0 changed, 0 retired.");
  expect((await page.request.get(`/api/integrations/${encodeURIComponent(key)}`)).status()).toBe(200);
  await page.getByTestId("plan-created").getByRole("link", { name: key }).click();
  await expect(page).toHaveURL(`/catalog/${encodeURIComponent(key)}`);
  await expect(page.getByTestId("integration-key")).toHaveText(key);
});
