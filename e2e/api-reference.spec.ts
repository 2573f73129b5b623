// The API reference page: reached from Settings, lists operations by area with the scope each
// needs and what it takes, agrees with the raw OpenAPI document it links to, and its curl example works.
import { expect, test, type Page } from "@playwright/test";
import { authFile, bearer, cliCreateToken, signedOut, unique } from "./support";

test.use({ storageState: authFile("viewer") });

const operation = (page: Page, method: string, path: string) => page.getByRole("article", { name: `${method} ${path}`, exact: true });

test("Settings links to the API reference, which lists operations with their scopes and fields", async ({ page }) => {
  await page.goto("/settings");
  await page.getByRole("link", { name: /API reference/ }).click();
  await expect(page).toHaveURL(/\/settings\/api$/);
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();

  const areas = page.getByRole("navigation", { name: "Operations by area" });
  for (const tag of ["Integrations", "Services", "Decisions", "Telemetry"]) await expect(areas.getByRole("link", { name: tag })).toBeVisible();

  const create = operation(page, "POST", "/api/integrations");
  await expect(create.getByTestId("api-scope")).toHaveText("scope catalog:write");
  // The integration point's body is long, so it starts folded; opening it shows nested fields.
  await create.getByText(/Request body, application\/json/).click();
  const body = create.getByRole("table", { name: "Request body of POST /api/integrations" });
  await expect(body.getByRole("row", { name: /budget\.p99Ms/ })).toContainText("number");
  await expect(body.getByRole("row", { name: /^style/ })).toContainText("sync | async-event");

  const list = operation(page, "GET", "/api/integrations");
  await expect(list.getByTestId("api-scope")).toHaveText("scope catalog:read");
  await expect(list.getByRole("table", { name: "Query parameters of GET /api/integrations" }).getByRole("row", { name: /^lifecycle/ })).toBeVisible();

  await expect(operation(page, "POST", "/v1/traces").getByTestId("api-scope")).toHaveText("scope telemetry:write");
  await expect(operation(page, "GET", "/api/health").getByTestId("api-scope")).toHaveText("public, no token");
  await expect(operation(page, "POST", "/api/tokens").getByTestId("api-scope")).toHaveText("scope admin");

  // As many operations as the raw document it links to describes.
  const raw = await page.request.get((await page.getByTestId("openapi-link").getAttribute("href"))!);
  expect(raw.status()).toBe(200);
  const doc = (await raw.json()) as { paths: Record<string, Record<string, unknown>> };
  const count = Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
  await expect(page.getByTestId("api-operation")).toHaveCount(count);
  // A viewer is told to ask an admin for a token rather than shown a link they cannot use.
  await expect(page.getByTestId("api-auth")).toContainText("Ask an admin for a token");
});

test("the curl example on the page works against the server as written", async ({ page, playwright }) => {
  await page.goto("/settings/api");
  const example = (await page.getByTestId("curl-example").textContent())!;
  const url = /"(http[^"]+)"/.exec(example)![1]!;
  expect(example).toContain('-H "Authorization: Bearer $EDGEWISE_TOKEN"');
  const token = await cliCreateToken({ name: unique("api-ref"), scopes: ["catalog:read"], user: "viewer@edgewise.local" });
  // No cookies: only the token authenticates, as for curl.
  const request = await playwright.request.newContext({ storageState: signedOut });
  const res = await request.get(url, { headers: bearer(token) });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { items: { lifecycle: string }[] };
  expect(body.items.length).toBeGreaterThan(0);
  expect(body.items.every((i) => i.lifecycle === "active")).toBe(true);
  expect((await request.get(url)).status()).toBe(401);
  await request.dispose();
});
