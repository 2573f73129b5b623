// Findings grouped by rule (issue 20): a team of its own with three synchronous calls and no timeouts;
// the architect groups the team's findings by rule, sees each group's count, expands one, selects all
// in it and waives them at once citing one decision (a selection does not survive another grouping;
// Clear and the waive leave focus on their outcome); the integration's tabs show their counts; a
// member sees the groups but no selection, and the bulk endpoint refuses them.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { authFile, unique, waitForHydration } from "./support";

const RULE = "sync-timeout-declared";

async function created(res: Promise<import("@playwright/test").APIResponse>, what: string): Promise<Record<string, unknown>> {
  const r = await res;
  expect(r.status(), `${what}: ${await r.text()}`).toBe(201);
  return (await r.json()) as Record<string, unknown>;
}

/** As the admin: a new team with two services and three sync integration points without timeouts. */
async function estate(admin: APIRequestContext) {
  const team = unique("fg-team");
  await created(admin.post("/api/teams", { data: { slug: team, name: `Findings ${team}` } }), "team");
  const [a, b] = [unique("fg-a"), unique("fg-b")];
  for (const slug of [a, b]) await created(admin.post("/api/services", { data: { slug, name: `Service ${slug}`, team } }), "service");
  const keys: string[] = [];
  for (const operation of ["quote", "reserve", "confirm"]) {
    const body = { sourceService: a, targetService: b, operation, style: "sync", protocol: "grpc", budget: { p50Ms: 10, p95Ms: 50, p99Ms: 100 } };
    keys.push((await created(admin.post("/api/integrations", { data: body }), "integration")).key as string);
  }
  return { team, keys };
}

test.describe("findings grouped by rule", () => {
  let team = "";
  let keys: string[] = [];

  test.beforeAll(async ({ playwright }) => {
    const admin = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, storageState: authFile("admin") });
    ({ team, keys } = await estate(admin));
    await admin.dispose();
  });

  test.describe("as an architect", () => {
    test.use({ storageState: authFile("architect") });

    test("groups by rule with counts, expands a group and waives all in it citing one decision; tabs show counts", async ({ page }) => {
      const decision = (await created(page.request.post("/api/decisions", { data: { title: `Accept missing timeouts of ${team} for the quarter`, integrations: [keys[0]] } }), "decision")).number as number;
      // What the page must show, from the API (grouping and counts are server-side).
      const api = (await (await page.request.get(`/api/policies/findings?team=${team}&groupBy=rule`)).json()) as { items: unknown[]; groups: { key: string; total: number }[] };
      expect(api.groups.find((g) => g.key === RULE)?.total).toBe(3);

      await page.goto(`/findings?team=${team}`);
      const grouping = page.getByLabel("Group by");
      await waitForHydration(grouping);
      await grouping.selectOption("rule");
      await expect(page).toHaveURL(new RegExp(`groupBy=rule`));
      const groups = page.getByTestId("finding-group");
      await expect(groups).toHaveCount(api.groups.length);
      // Each group's badge is its total, in the API's order.
      await expect(groups.getByTestId("group-count")).toHaveText(api.groups.map((g) => String(g.total)));

      const group = page.locator(`[data-testid="finding-group"][data-group="${RULE}"]`);
      await expect(group).toContainText("3 errors");
      const findings = group.getByTestId("finding");
      await expect(findings.first()).toBeHidden(); // collapsed until opened
      await group.locator("summary").click();
      await expect(findings).toHaveCount(3);
      await expect(findings.first()).toBeVisible();

      const selectAll = group.getByLabel("Select all 3 open findings in this group");
      await waitForHydration(selectAll);
      await selectAll.check();
      const form = page.getByRole("form", { name: "Waive the selected findings" });
      await expect(form).toContainText("3 findings selected");

      // Another grouping is another view: the selection does not follow, so nothing out of sight is waived.
      await grouping.selectOption("integration");
      await expect(page).toHaveURL(/groupBy=integration/);
      await expect(form).toHaveCount(0);
      await grouping.selectOption("rule");
      await expect(page).toHaveURL(/groupBy=rule/);
      await group.locator("summary").click();
      await expect(selectAll).not.toBeChecked();
      await expect(form).toHaveCount(0);

      // Clearing says so and keeps focus on the page's outcome rather than losing it with the form.
      await selectAll.check();
      await expect(form).toContainText("3 findings selected");
      await form.getByRole("button", { name: "Clear selection" }).click();
      await expect(page.getByTestId("bulk-waive-done")).toHaveText("Selection cleared; nothing was waived.");
      await expect(page.getByTestId("bulk-waive-done")).toBeFocused();
      await expect(selectAll).not.toBeChecked();

      await selectAll.check();
      await expect(form).toContainText("3 findings selected");
      await form.getByLabel("Reason").fill("Timeouts land with the client upgrade this quarter; accepted in review.");
      await form.getByLabel("Decision record number").fill(String(decision));
      await form.getByRole("button", { name: "Waive 3 findings" }).click();

      await expect(page.getByTestId("bulk-waive-done")).toHaveText("Waived 3 findings.");
      await expect(page.getByTestId("bulk-waive-done")).toBeFocused();
      await expect(group).toContainText("3 waived");
      await expect(group.locator('[data-testid="finding"][data-waived="true"]')).toHaveCount(3);
      const after = (await (await page.request.get(`/api/policies/findings?team=${team}&rule=${RULE}&groupBy=rule`)).json()) as { groups: unknown[] };
      expect(after.groups).toEqual([{ key: RULE, total: 3, waived: 3, open: { error: 0, warning: 0, info: 0 } }]);

      // The integration's tabs carry their counts, the same as the tab lists.
      await page.goto(`/catalog/${encodeURIComponent(keys[0]!)}?tab=findings`);
      const tabs = page.getByRole("navigation", { name: "Integration point sections" });
      const shown = await page.getByTestId("finding").count();
      expect(shown).toBeGreaterThanOrEqual(1);
      await expect(tabs.getByRole("link", { name: `Findings (${shown})`, exact: true })).toBeVisible();
      await expect(tabs.getByRole("link", { name: "Decisions (1)", exact: true })).toBeVisible();
    });
  });

  test.describe("as a member", () => {
    test.use({ storageState: authFile("member") });

    test("sees the groups and their counts but cannot select or bulk-waive", async ({ page }) => {
      await page.goto(`/findings?team=${team}&groupBy=rule`);
      const group = page.locator(`[data-testid="finding-group"][data-group="${RULE}"]`);
      await expect(group.getByTestId("group-count")).toHaveText("3");
      await group.locator("summary").click();
      await expect(group.getByTestId("finding")).toHaveCount(3);
      await expect(page.getByRole("checkbox", { name: /Select/ })).toHaveCount(0);
      const refused = await page.request.post("/api/waivers/bulk", {
        data: { findings: keys.map((integration) => ({ rule: RULE, integration })), reason: "members cannot do this", expiresAt: "2027-01-01", decision: 1 },
      });
      expect(refused.status()).toBe(403);
    });
  });
});
