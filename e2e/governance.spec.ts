// Governance end to end: an architect opens the journey that is over budget, sees the waterfall and
// the finding, grants a waiver, and the finding shows as waived (not hidden); members cannot grant.
import { expect, test } from "@playwright/test";
import { authFile, waitForHydration } from "./support";

const STEP = "checkout->fraud-detection:score-order";

test.describe("as an architect", () => {
  test.use({ storageState: authFile("architect") });

  test("sees a journey over budget and waives one of its findings", async ({ page }) => {
    // A waiver cites the decision that accepts the deviation.
    const created = await page.request.post("/api/decisions", { data: { title: "Keep fraud scoring synchronous until the hybrid flow ships", integrations: [STEP] } });
    expect(created.status()).toBe(201);
    const { number } = (await created.json()) as { number: number };

    await page.goto("/journeys/place-order");
    await expect(page.getByTestId("journey-slack")).toHaveAttribute("data-over", "true");
    await expect(page.getByTestId("journey-slack")).toContainText("70 ms");
    await expect(page.getByTestId("waterfall")).toHaveAttribute("aria-label", /5 synchronous steps adding up to 1.27 s against a 1.2 s budget/);
    await expect(page.locator('[data-testid="finding"][data-rule="journey-budget-composition"]')).toContainText("70 ms over its 1.2 s budget");

    const finding = page.locator(`[data-testid="finding"][data-rule="sync-timeout-declared"]`).filter({ hasText: STEP });
    await expect(finding).toHaveAttribute("data-waived", "false");
    const open = finding.getByRole("button", { name: "Grant waiver" });
    await waitForHydration(open);
    await open.click();
    const form = page.getByRole("form", { name: `Grant a waiver for sync-timeout-declared on ${STEP}` });
    await form.getByLabel("Reason").fill("Fraud scoring moves to the hybrid flow this quarter; tracked in the migration.");
    await form.getByLabel("Decision record number").fill(String(number));
    await form.getByRole("button", { name: "Grant waiver" }).click();

    await expect(finding).toHaveAttribute("data-waived", "true");
    await expect(finding.getByTestId("waiver-note")).toContainText("Fraud scoring moves to the hybrid flow");

    // Waived, not hidden: the findings page still lists it, marked waived, and the API agrees.
    await page.goto(`/findings?rule=sync-timeout-declared`);
    await expect(page.locator('[data-testid="finding"][data-waived="true"]').filter({ hasText: STEP })).toHaveCount(1);
    const api = await page.request.get(`/api/policies/findings?rule=sync-timeout-declared&integration=${encodeURIComponent(STEP)}`);
    expect(((await api.json()) as { items: { waived: boolean }[] }).items.map((f) => f.waived)).toEqual([true]);
  });
});

test.describe("as a member", () => {
  test.use({ storageState: authFile("member") });

  test("sees findings but cannot grant waivers", async ({ page }) => {
    await page.goto("/journeys/place-order");
    await expect(page.locator('[data-testid="finding"]').first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Grant waiver" })).toHaveCount(0);
    const refused = await page.request.post("/api/waivers", {
      data: { rule: "contract-versioned", integration: "checkout->cart:get-cart", reason: "members cannot do this", expiresAt: "2027-01-01" },
    });
    expect(refused.status()).toBe(403);
  });
});
