// Declaring an integration point "from a pattern": the blueprint fills the form's design fields,
// the architect adjusts one, and the pattern is saved with the declaration.
import { expect, test } from "@playwright/test";
import { authFile, unique, waitForHydration } from "./support";

test.use({ storageState: authFile("member") });

test("a member starts a new integration point from the event-outbox pattern", async ({ page }) => {
  const operation = unique("stock-reserved");
  const key = `cart->inventory:${operation}`;
  await page.goto("/catalog/new");
  const form = page.getByRole("form", { name: "Declare integration point" });
  await waitForHydration(form.getByRole("button", { name: "Create integration point" }));
  await expect(form.getByRole("group", { name: "Start from a pattern" })).toBeVisible();

  await form.getByLabel("Pattern", { exact: true }).selectOption("event-outbox");
  await expect(page.getByTestId("pattern-summary")).toContainText("outbox table in the same database transaction");
  // The blueprint's defaults, in the form's own fields.
  await expect(form.getByLabel("Style")).toHaveValue("async-event");
  await expect(form.getByLabel("Protocol")).toHaveValue("kafka");
  await expect(form.getByLabel("Delivery guarantee")).toHaveValue("at-least-once");
  await expect(form.getByLabel("Dead-letter queue")).toHaveValue("events.dlq");
  await expect(form.getByLabel("p99 budget (ms)")).toHaveValue("5000");

  await form.getByLabel("Source service").selectOption("cart");
  await form.getByLabel("Target service").selectOption("inventory");
  await form.getByLabel("Operation").fill(operation);
  await form.getByLabel("Dead-letter queue").fill("inventory.stock-reserved.dlq");
  await form.getByRole("button", { name: "Create integration point" }).click();
  await expect(page).toHaveURL(`/catalog/${encodeURIComponent(key)}`);
  await expect(page.getByTestId("declared-pattern")).toContainText("Event with transactional outbox");

  const saved = await (await page.request.get(`/api/integrations/${encodeURIComponent(key)}`)).json();
  expect(saved).toMatchObject({
    pattern: "event-outbox",
    style: "async-event",
    protocol: "kafka",
    delivery: { guarantee: "at-least-once", ordering: "per-key", orderingKey: "aggregateId", deadLetterQueue: "inventory.stock-reserved.dlq" },
    idempotency: { strategy: "key" },
  });
});
