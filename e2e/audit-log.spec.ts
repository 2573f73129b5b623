// Settings → Audit log: admins see who changed what, filter it, and download it as CSV; nobody else may.
import { expect, test } from "@playwright/test";
import { authFile, baseURL, unique, waitForHydration } from "./support";

test.describe("as an admin", () => {
  test.use({ storageState: authFile("admin") });

  test("finds a change by action and actor, and exports the filtered log as CSV", async ({ page }) => {
    // A change to look for: a team made through the API as the admin.
    const slug = unique("audit-team");
    const made = await page.request.post("/api/teams", { data: { slug, name: "=Audit me" }, headers: { Origin: baseURL() } });
    expect(made.status()).toBe(201);

    await page.goto("/settings");
    await page.getByRole("link", { name: /Audit log/ }).click();
    await expect(page).toHaveURL("/settings/audit");
    await expect(page.getByTestId("audit-row").first()).toBeVisible();

    const filters = page.getByRole("search", { name: "Filter the audit log" });
    await waitForHydration(filters.getByRole("button", { name: "Apply filters" }));
    await filters.getByLabel("Action").fill("team.create");
    await filters.getByLabel("Actor").fill("admin@edgewise");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    const row = page.getByTestId("audit-row").filter({ hasText: slug });
    await expect(row).toHaveCount(1);
    await expect(page.getByTestId("audit-row").filter({ hasNotText: "team.create" })).toHaveCount(0);

    const download = page.waitForEvent("download");
    await page.getByTestId("audit-export").click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^edgewise-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
    expect(csv.split("\r\n")[0]).toBe("id,at,actor,action,entity_type,entity_id,before,after");
    expect(csv).toContain(slug);
    expect(csv).not.toMatch(/\r\n[^\r\n]*,team\.delete,/); // the action filter applies to the export too
    expect(csv).toContain('""name"":""=Audit me""'); // inside a JSON cell, so no formula guard is needed there

    // A filter that matches nothing says so.
    await filters.getByLabel("Actor").fill(unique("nobody"));
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByTestId("audit-empty")).toContainText("No audit events match these filters");
  });
});

test.describe("as an architect", () => {
  test.use({ storageState: authFile("architect") });

  test("the page and the API are refused", async ({ page }) => {
    expect((await page.goto("/settings/audit"))?.status()).toBe(403);
    expect((await page.request.get("/api/audit")).status()).toBe(403);
    expect((await page.request.get("/api/audit/export")).status()).toBe(403);
  });
});
