// The drift board on data the test makes: a team of its own with three integration points fed OTLP
// spans — one over its budget, two within — and a quiet team with none. (Spans are recent: minutes
// older than the roll-up margin are not rolled up again, so back-dated spans would not count.) Ranking
// toggle and team filter live in the URL; the API answers the same. Screenshots: test-results/drift-*.png.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { authFile, bearer, cliCreateToken, declareEstate, sendClientSpans, unique, waitForHydration } from "./support";

test.use({ storageState: authFile("member") });
test.describe.configure({ timeout: 120_000 });

/** `calls` spans of `ms` each within the current hour (never before it: an hour already rolled up takes no late minutes). */
async function sendSpans(request: APIRequestContext, token: string, source: string, target: string, operation: string, calls: number, ms: number) {
  const now = Date.now();
  const fromMs = Math.max(now - 60_000, Math.floor(now / 3_600_000) * 3_600_000);
  await sendClientSpans(request, token, source, target, operation, Array.from({ length: calls }, (_, i) => ({ startMs: fromMs + Math.floor((i * (now - fromMs)) / calls), durationMs: ms })));
}

const makeTeam = (request: APIRequestContext, token: string, integrations: { operation: string; p99Ms: number }[]) => declareEstate(request, token, integrations, "drift");

test("the drift board ranks by drift and by time to breach, filters by team, and links to the latency tab", async ({ page, request, playwright }) => {
  const token = await cliCreateToken({ name: unique("drift"), scopes: ["admin", "catalog:read", "catalog:write", "telemetry:write"], user: "admin@edgewise.local" });
  const t = await makeTeam(request, token, [
    { operation: "a-cool", p99Ms: 300 },
    { operation: "b-warm", p99Ms: 250 },
    { operation: "z-hot", p99Ms: 100 },
  ]);
  await sendSpans(request, token, t.source, t.target, "a-cool", 50, 40);
  await sendSpans(request, token, t.source, t.target, "b-warm", 60, 200);
  await sendSpans(request, token, t.source, t.target, "z-hot", 70, 150);
  const quiet = await makeTeam(request, token, [{ operation: "idle", p99Ms: 100 }]);

  // The API: the team's three; by time to breach the one over budget comes first.
  const api = await request.get(`/api/drift?team=${t.team}&sort=breach`, { headers: bearer(token) });
  expect(api.status()).toBe(200);
  type Row = { key: string; team: string; budgetP99Ms: number; recent24hP99Ms: number | null; overBudget: boolean; projectedBreachAt: string | null; daily: { day: string; p99Ms: number | null; count: number }[] };
  const board = (await api.json()) as { generatedAt: string; items: Row[] };
  expect(board.items.map((r) => r.key)).toEqual([t.key("z-hot"), t.key("a-cool"), t.key("b-warm")]);
  const [hot, cool] = board.items as [Row, Row, Row];
  expect(hot).toMatchObject({ team: t.team, budgetP99Ms: 100, overBudget: true, projectedBreachAt: null });
  expect(Math.abs(hot.recent24hP99Ms! / 150 - 1)).toBeLessThanOrEqual(0.01);
  expect(cool.daily).toHaveLength(35);
  expect(cool.daily.reduce((n, d) => n + d.count, 0)).toBe(50); // every span once
  expect(cool.daily.at(-1)!.day).toBe(board.generatedAt.slice(0, 10));
  expect((await request.get("/api/drift?sort=sideways", { headers: bearer(token) })).status()).toBe(422);
  const anonymous = await playwright.request.newContext({ storageState: { cookies: [], origins: [] } });
  expect((await anonymous.get("/api/drift")).status()).toBe(401);
  await anonymous.dispose();

  // The page, all teams: pick ours from the filter.
  await page.goto("/drift");
  await expect(page.getByRole("heading", { name: "Drift", level: 1 })).toBeVisible();
  const select = page.getByLabel("Team");
  await waitForHydration(select);
  await select.selectOption(t.team);
  await expect(page).toHaveURL(new RegExp(`/drift\\?team=${t.team}$`));
  const rows = page.getByTestId("drift-row");
  await expect(rows).toHaveCount(3);
  // By drift: no baseline yet for any of them, so by key.
  await expect(rows.nth(0)).toHaveAttribute("data-key", t.key("a-cool"));
  await expect(rows.nth(1)).toHaveAttribute("data-key", t.key("b-warm"));
  await expect(rows.nth(2)).toHaveAttribute("data-key", t.key("z-hot"));
  for (const i of [0, 1, 2]) await expect(rows.nth(i).getByTestId("drift-sparkline").locator("svg")).toBeVisible();
  await expect(rows.nth(1).getByTestId("drift-sparkline")).toHaveAttribute("aria-label", /^Daily p99 of .+:b-warm over 35 days, from 200 ms to 200 ms, budget 250 ms$/);
  await expect(rows.nth(2)).toContainText("over budget");
  await expect(rows.nth(0)).toContainText("no baseline");
  await page.screenshot({ path: "test-results/drift-by-drift.png", fullPage: true });

  // By time to breach: the one over budget first; the team stays in the URL.
  await page.getByRole("group", { name: "Rank" }).getByRole("link", { name: "By time to breach" }).click();
  await expect(page).toHaveURL(new RegExp(`/drift\\?sort=breach&team=${t.team}$`));
  await expect(rows.nth(0)).toHaveAttribute("data-key", t.key("z-hot"));
  await expect(page.getByRole("link", { name: "By time to breach" })).toHaveAttribute("aria-current", "true");
  await page.screenshot({ path: "test-results/drift-by-breach.png", fullPage: true });

  // The key opens the integration point's latency tab.
  await rows.nth(0).getByRole("link", { name: t.key("z-hot") }).click();
  await expect(page).toHaveURL(new RegExp(`/catalog/${encodeURIComponent(t.key("z-hot")).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\?tab=latency$`));

  // A team whose integration points send nothing: the empty state says where to start.
  await page.goto(`/drift?team=${quiet.team}`);
  const empty = page.getByTestId("drift-empty");
  await expect(empty).toContainText("No telemetry yet");
  await expect(empty.getByRole("link", { name: "Settings → Telemetry" })).toHaveAttribute("href", "/settings/telemetry");
  await page.screenshot({ path: "test-results/drift-empty.png", fullPage: true });

  // A hand-edited address is explained, not a crash.
  await page.goto("/drift?sort=sideways");
  await expect(page.getByTestId("drift-bad-address")).toContainText("sort is drift or breach");
});

test("the demo estate's creeping integration point is projected to breach its budget", async ({ page, request }) => {
  // prisma/seed-telemetry.ts: checkout->payments:authorize creeps from ~55 % to ~92 % of its p99 budget over the month.
  const key = "checkout->payments:authorize";
  const res = await request.get("/api/drift?team=checkout-team&sort=breach");
  expect(res.status()).toBe(200);
  const { items } = (await res.json()) as { items: { key: string; budgetP99Ms: number; baselineP99Ms: number | null; recent7dP99Ms: number | null; changePercent: number | null; slopePercentPerDay: number | null; projectedBreachAt: string | null; overBudget: boolean; daily: { p99Ms: number | null }[] }[] };
  const creeping = items.find((r) => r.key === key)!;
  expect(creeping).toMatchObject({ overBudget: false });
  expect(creeping.changePercent).toBeGreaterThan(10);
  expect(creeping.slopePercentPerDay).toBeGreaterThan(0.5);
  expect(creeping.recent7dP99Ms).toBeLessThan(creeping.budgetP99Ms);
  expect(creeping.projectedBreachAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(creeping.daily.filter((d) => d.p99Ms !== null).length).toBeGreaterThanOrEqual(28);

  await page.goto("/drift?sort=breach&team=checkout-team");
  const row = page.locator(`[data-testid="drift-row"][data-key="${key}"]`);
  await expect(row).toContainText(creeping.projectedBreachAt!);
  // A line through the month's days, not a few dots.
  const curve = row.getByTestId("drift-sparkline").locator("svg .recharts-line-curve");
  await expect.poll(async () => ((await curve.getAttribute("d")) ?? "").split("L").length - 1).toBeGreaterThanOrEqual(20);
  await page.screenshot({ path: "test-results/drift-demo-estate.png", fullPage: true });

  // The board renders 100 rows a page; a page past the end is the last one (here the only one).
  await page.goto("/drift?sort=breach&team=checkout-team&page=7");
  await expect(row).toContainText(creeping.projectedBreachAt!);
  await expect(page.getByTestId("drift-pages")).toHaveCount(0);
});

test("the demo estate's incident is a spike back to baseline, not drift, with its annotation beside it", async ({ page, request }) => {
  // prisma/seed-telemetry.ts: checkout->inventory:reserve-stock had a 90-minute failover three days ago,
  // annotated as an incident; the board used to read it as "drifting since" that day (issue 20).
  const key = "checkout->inventory:reserve-stock";
  const res = await request.get("/api/drift?team=checkout-team");
  expect(res.status()).toBe(200);
  type Row = { key: string; driftingSince: string | null; lastEpisode: { since: string; until: string } | null; annotations: { at: string; day: string; kind: string; title: string; nearChange: boolean }[] };
  const row = ((await res.json()) as { items: Row[] }).items.find((r) => r.key === key)!;
  const incident = row.annotations.find((a) => a.kind === "incident")!;
  expect(incident).toMatchObject({ title: "Inventory database failover: reservations timing out", nearChange: true });
  expect(row.driftingSince).toBeNull();
  expect(row.lastEpisode).toEqual({ since: incident.day, until: incident.day });

  await page.goto("/drift?team=checkout-team");
  const tr = page.locator(`[data-testid="drift-row"][data-key="${key}"]`);
  await expect(tr.getByTestId("drift-episode")).toHaveText(`—spike ${incident.day}, back to baseline`);
  const near = tr.getByTestId("drift-near-annotations").getByRole("listitem");
  // Every annotation the API marks near the change is listed (the demo also has an accepted decision
  // from those days), the incident among them.
  const nearOnes = row.annotations.filter((a) => a.nearChange);
  await expect(near).toHaveCount(nearOnes.length);
  await expect(near.filter({ hasText: `incident ${incident.day} Inventory database failover: reservations timing out` })).toHaveCount(1);
  // On the sparkline: a mark on the incident's day, labelled by kind because it is near the change.
  const sparkline = tr.getByTestId("drift-sparkline");
  await expect(sparkline).toHaveAttribute("aria-label", new RegExp(`, ${row.annotations.length} annotations?$`));
  await expect(sparkline.locator(".drift-annotation-near")).toHaveCount(nearOnes.length);
  // The kind letter is the reference line's label, drawn beside (not inside) the line element.
  await expect(sparkline.locator("svg text").filter({ hasText: /^I$/ })).toHaveCount(nearOnes.filter((a) => a.kind === "incident").length);
  await page.screenshot({ path: "test-results/drift-incident-episode.png", fullPage: true });
});
