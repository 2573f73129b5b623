// The services list as a big catalog needs it: filtered by team, search and the Backstage fields
// (lifecycle, system, tag), paged by the server; a service's and a team's page show what Backstage said.
import { expect, test } from "@playwright/test";
import { authFile, cliCreateToken, postCreated, unique } from "./support";

test.use({ storageState: authFile("member") });

test("filters services by system, lifecycle and tag, pages a big team, and shows the Backstage fields", async ({ page, request }) => {
  test.setTimeout(120_000);
  const token = await cliCreateToken({ name: unique("services"), scopes: ["admin"], user: "admin@edgewise.local" });
  const parent = unique("e2e-org");
  const team = unique("e2e-squad");
  await postCreated(request, token, "/api/teams", { slug: parent, name: `Org ${parent}` });
  await postCreated(request, token, "/api/teams", { slug: team, name: `Squad ${team}`, parent });
  const system = unique("checkout-sys");
  const tag = unique("pci").toLowerCase();
  const [a, b] = [unique("e2e-cart"), unique("e2e-pay")].sort() as [string, string];
  await postCreated(request, token, "/api/services", { slug: a, name: "Cart", team, type: "service", lifecycle: "experimental", system, tags: [tag, "java"] });
  await postCreated(request, token, "/api/services", { slug: b, name: "Pay", team, type: "website", lifecycle: "production", system, tags: [tag] });

  // The filter form is a GET form: choosing a system and applying puts it in the address.
  await page.goto("/services");
  await page.getByLabel("System").selectOption(system);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]system=${system}`));
  await expect(page.getByTestId("services-meta")).toContainText("2 services match these filters");
  const rows = page.getByTestId("service-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute("data-slug", a);
  await expect(rows.nth(0).getByTestId("service-lifecycle")).toHaveText("experimental");
  await expect(rows.nth(1).getByTestId("service-lifecycle")).toHaveText("production");

  await page.goto(`/services?system=${system}&lifecycle=production`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-slug", b);
  await expect(page.getByLabel("Lifecycle")).toHaveValue("production");

  // A tag links to the services that carry it.
  await page.goto(`/services/${a}`);
  await expect(page.getByTestId("service-type")).toHaveText("service");
  await expect(page.getByTestId("service-lifecycle")).toHaveText("experimental");
  await expect(page.getByTestId("service-system")).toHaveText(system);
  await expect(page.getByTestId("service-tags").getByRole("link")).toHaveText([tag, "java"]);
  await page.getByTestId("service-tags").getByRole("link", { name: tag }).click();
  await expect(page).toHaveURL(new RegExp(`/services\\?tag=${tag}$`));
  await expect(rows).toHaveCount(2);

  // The group hierarchy: the squad names its org, the org lists the squad.
  await page.goto(`/teams/${team}`);
  await expect(page.getByTestId("team-parent").getByRole("link", { name: `Org ${parent}` })).toHaveAttribute("href", `/teams/${parent}`);
  await page.goto(`/teams/${parent}`);
  await expect(page.getByTestId("team-children").getByRole("link")).toHaveText([`Squad ${team}`]);

  // 101 services in one team: two pages, the second holding the last one.
  const big = unique("e2e-big");
  await postCreated(request, token, "/api/teams", { slug: big, name: `Big ${big}` });
  const slugs = Array.from({ length: 101 }, (_, i) => `${big}-svc-${String(i).padStart(3, "0")}`);
  for (let i = 0; i < slugs.length; i += 10) {
    await Promise.all(slugs.slice(i, i + 10).map((slug) => postCreated(request, token, "/api/services", { slug, name: slug, team: big })));
  }
  await page.goto(`/services?team=${big}`);
  await expect(page.getByTestId("services-meta")).toContainText("101 services match these filters · 1–100 on this page, 1 of 2");
  await expect(rows).toHaveCount(100);
  await page.getByTestId("services-pages").getByRole("link", { name: "Next page →" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]page=2`));
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-slug", slugs[100]!);
  await expect(page.getByTestId("services-pages").getByRole("link", { name: "← Previous page" })).toBeVisible();

  // An address the list cannot use says so instead of showing everything.
  await page.goto(`/services?system=${"x".repeat(80)}`);
  await expect(page.getByTestId("services-bad-address")).toContainText("system");
});
