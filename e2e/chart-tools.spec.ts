// The Latency tab's chart tools on data the test makes, for a user of its own in a browser set to
// Asia/Kolkata (UTC+05:30), so the browser's zone and UTC give different labels: a drag zooms and the
// URL keeps the range through a reload and back to "Reset zoom", the CSV holds exactly the rows drawn,
// the time-zone choice changes the axis and survives a reload (it is kept on the user), and "Copy link
// to this moment" puts a URL on the clipboard that opens the chart zoomed around the moment.
import fs from "node:fs";
import { expect, test, type Locator, type Page, type Response } from "@playwright/test";
import { bearer, cliCreateToken, sendClientSpans, signedOut, signIn, unique, waitForHydration } from "./support";

const ZONE = "Asia/Kolkata";
const MINUTE = 60_000;
test.use({ storageState: signedOut, timezoneId: ZONE });
test.describe.configure({ timeout: 180_000 });

interface LatencyAnswer {
  series: { t: string; p99: number | null; partialMs?: number }[];
}

let key = "";
/** A fixed last hour (not refreshed, so the rows drawn stay put while the test reads them). */
let range = { from: "", to: "" };
const password = "chart-tools-password-1";
let email = "";

test.beforeAll(async ({ playwright }) => {
  const token = await cliCreateToken({ name: unique("chart-tools"), scopes: ["admin"], user: "admin@edgewise.local" });
  const request = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const [source, target] = [unique("ct-src"), unique("ct-dst")];
  for (const slug of [source, target]) {
    const res = await request.post("/api/services", { headers: bearer(token), data: { slug, name: slug, team: "checkout-team" } });
    expect(res.status(), await res.text()).toBe(201);
  }
  const created = await request.post("/api/integrations", {
    headers: bearer(token),
    data: { sourceService: source, targetService: target, operation: "quote", style: "sync", protocol: "http", budget: { p50Ms: 30, p95Ms: 60, p99Ms: 100 } },
  });
  expect(created.status(), await created.text()).toBe(201);
  key = `${source}->${target}:quote`;
  // Three calls a minute over the last 55 minutes, slower as time goes on, so every step has a p99.
  const now = Date.now();
  const calls = Array.from({ length: 165 }, (_, i) => ({ startMs: now - 55 * MINUTE + i * 20_000, durationMs: 10 + (i % 30) }));
  await sendClientSpans(request, token, source, target, "quote", calls);
  const end = Math.floor(Date.now() / MINUTE) * MINUTE;
  range = { from: new Date(end - 60 * MINUTE).toISOString(), to: new Date(end).toISOString() };
  email = `${unique("charts")}@e2e.test`;
  const user = await request.post("/api/users", { headers: bearer(token), data: { email, name: "Chart tools", role: "viewer", password } });
  expect(user.status(), await user.text()).toBe(201);
  await request.dispose();
});

const latencyUrl = () => `/catalog/${encodeURIComponent(key)}?tab=latency&range=custom&from=${range.from}&to=${range.to}`;
const isLatency = (r: Response) => r.url().includes("/latency?") && r.request().method() === "GET";

/** The x-axis labels of the percentile chart, once it has data. */
async function axisLabels(page: Page): Promise<string[]> {
  // The time axis' ticks are the clock labels (the latency axis' end in "ms").
  const ticks = page.getByTestId("latency-plot").locator(".recharts-cartesian-axis-tick-value").filter({ hasText: /^\d{2}:\d{2}$/ });
  await expect(ticks.first()).toBeVisible();
  return ticks.allTextContents();
}

/** The plot area of the percentile chart in page coordinates (the grid Recharts draws over it). */
async function plotBox(page: Page, testId = "latency-plot") {
  const grid = page.getByTestId(testId).locator(".recharts-cartesian-grid").first();
  // Mouse coordinates are the viewport's: a chart below the fold is scrolled to first.
  await grid.scrollIntoViewIfNeeded();
  const box = await grid.boundingBox();
  if (!box) throw new Error(`the ${testId} chart has no plot area`);
  return box;
}

async function drag(page: Page, fromShare: number, toShare: number, testId = "latency-plot") {
  const box = await plotBox(page, testId);
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * fromShare, y);
  await page.mouse.move(box.x + box.width * fromShare + 2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * toShare, y, { steps: 12 });
  await page.mouse.up();
}

async function waitForChart(chart: Locator) {
  await expect(chart).toHaveAttribute("aria-label", / calls$/);
  await waitForHydration(chart);
}

test("chart tools: drag to zoom kept in the URL, reset, CSV of what is drawn, time zone per user, copy link to a moment", async ({ page, context, request }) => {
  // The preference endpoint wants a signed-in caller.
  expect((await request.get("/api/me/preferences")).status()).toBe(401);
  expect((await request.patch("/api/me/preferences", { data: { timeZone: "utc" } })).status()).toBe(401);

  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, email, password);
  const own = await page.request.get("/api/me/preferences");
  expect(await own.json()).toEqual({ timeZone: "browser", singleKeyShortcuts: true });
  const refused = await page.request.patch("/api/me/preferences", { data: { timeZone: "Mars/Olympus" } });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).error.message).toMatch(/browser, utc/);

  const first = page.waitForResponse(isLatency);
  await page.goto(latencyUrl());
  const answer = (await (await first).json()) as LatencyAnswer;
  const chart = page.getByTestId("latency-chart");
  await waitForChart(chart);

  // ---- time zone: the browser's by default, UTC when chosen, kept on the user through a reload
  const select = page.getByTestId("chart-tools").getByTestId("time-zone-select");
  await expect(select).toHaveValue("browser");
  // Chromium may name the zone by its older alias (Asia/Calcutta): the page says what the browser says.
  const browserZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  expect(browserZone).toMatch(/^Asia\/(Kolkata|Calcutta)$/);
  await expect(select.locator("option[value=browser]")).toHaveText(`Browser's (${browserZone})`);
  const local = await axisLabels(page);
  const saved = page.waitForResponse((r) => r.url().endsWith("/api/me/preferences") && r.request().method() === "PATCH");
  await select.selectOption("utc");
  expect((await saved).status()).toBe(200);
  await expect.poll(() => axisLabels(page)).not.toEqual(local);
  const utc = await axisLabels(page);
  // Each UTC label is the Kolkata label 5 h 30 min earlier.
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  expect(utc.length).toBe(local.length);
  utc.forEach((u, i) => expect((minutes(u) + 330) % 1440).toBe(minutes(local[i]!)));
  await page.reload();
  await waitForChart(chart);
  await expect(page.getByTestId("chart-tools").getByTestId("time-zone-select")).toHaveValue("utc");
  expect(await axisLabels(page)).toEqual(utc);
  // The same choice in Settings, and back to the browser's zone from there.
  await page.goto("/settings");
  const settingsSelect = page.getByTestId("settings-time-zone").getByTestId("time-zone-select");
  await expect(settingsSelect).toHaveValue("utc");
  await waitForHydration(settingsSelect);
  const back = page.waitForResponse((r) => r.url().endsWith("/api/me/preferences") && r.request().method() === "PATCH");
  await settingsSelect.focus();
  await settingsSelect.selectOption("browser");
  expect((await back).status()).toBe(200);
  // Saving does not take the control away from the keyboard.
  await expect(settingsSelect).toBeFocused();
  expect(await (await page.request.get("/api/me/preferences")).json()).toEqual({ timeZone: "browser", singleKeyShortcuts: true });

  // ---- CSV: exactly the rows drawn, times in the browser's zone, units in the header
  const again = page.waitForResponse(isLatency);
  await page.goto(latencyUrl());
  const drawn = (await (await again).json()) as LatencyAnswer;
  await waitForChart(chart);
  const downloading = page.waitForEvent("download");
  await page.getByTestId("download-csv").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^latency_.*\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8").split("\r\n").filter(Boolean);
  // Client spans without a parent are logical calls of their own, so the retry chart is drawn too.
  await expect(page.getByTestId("retry-chart")).toBeVisible();
  expect(csv[0]).toBe(`time (${browserZone}),p50 (ms),p95 (ms),p99 (ms),calls per minute (calls/min),error rate (%),retry amplification (attempts per call),throttled (%)`);
  const rows = csv.slice(1).map((line) => line.split(","));
  expect(rows.length).toBe(drawn.series.length);
  rows.forEach((cells, i) => {
    const point = drawn.series[i]!;
    expect(cells[0]).toMatch(/\+05:30$/);
    expect(Date.parse(cells[0]!)).toBe(Date.parse(point.t));
    // A step still filling has its percentiles left out of the chart, and so of the file.
    expect(cells[3]).toBe(point.p99 === null || point.partialMs !== undefined ? "" : String(point.p99));
  });
  expect(drawn.series.length).toBe(60);
  expect(answer.series.length).toBe(60);

  // ---- the page's other times follow the same choice: the integration point's "Updated …" in its header
  await expect(page.getByText(/^Updated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\+05:30$/)).toBeVisible();

  // ---- the custom range is written and read in the same zone as the axes
  const kolkataWall = (iso: string, plusMinutes = 0) => new Date(Date.parse(iso) + (330 + plusMinutes) * 60_000).toISOString().slice(0, 16);
  const custom = page.getByRole("form", { name: "Custom range" });
  await expect(custom.getByLabel("From (UTC+05:30)")).toHaveValue(kolkataWall(range.from));
  await expect(custom.getByLabel("To (UTC+05:30)")).toHaveValue(kolkataWall(range.to));
  await custom.getByLabel("From (UTC+05:30)").fill(kolkataWall(range.from, 10));
  await custom.getByRole("button", { name: "Apply" }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get("from")).toBe(new Date(Date.parse(range.from) + 10 * 60_000).toISOString());
  expect(new URL(page.url()).searchParams.get("to")).toBe(range.to);
  await page.goto(latencyUrl());
  await waitForChart(chart);

  // ---- drag to zoom: the URL gains the range, the API is asked for it, reload keeps it, reset undoes it
  const zoomed = page.waitForResponse((r) => isLatency(r) && r.url().includes("from="));
  await drag(page, 0.3, 0.6);
  await expect(page).toHaveURL(/zoom=/);
  const url = new URL(page.url());
  expect(url.searchParams.get("zoom")).toBe(`${range.from}/${range.to}`);
  const [fromMs, toMs] = [Date.parse(url.searchParams.get("from")!), Date.parse(url.searchParams.get("to")!)];
  // About a third of the hour, inside it.
  expect(toMs - fromMs).toBeGreaterThan(10 * MINUTE);
  expect(toMs - fromMs).toBeLessThan(30 * MINUTE);
  expect(fromMs).toBeGreaterThan(Date.parse(range.from));
  expect(toMs).toBeLessThan(Date.parse(range.to));
  const asked = new URL((await zoomed).url());
  expect(Date.parse(asked.searchParams.get("from")!)).toBe(fromMs);
  expect(Date.parse(asked.searchParams.get("to")!)).toBe(toMs);
  await expect(page.getByRole("button", { name: "Custom…" })).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await waitForChart(chart);
  expect(page.url()).toBe(url.toString());
  const reset = page.getByTestId("reset-zoom");
  await expect(reset).toBeVisible();
  await reset.click();
  await expect(page).not.toHaveURL(/zoom=/);
  expect(new URL(page.url()).searchParams.get("from")).toBe(range.from);
  await expect(reset).toHaveCount(0);
  // Back returns to the zoom.
  await page.goBack();
  await expect(page).toHaveURL(/zoom=/);
  await expect(page.getByTestId("reset-zoom")).toBeVisible();
  await page.getByTestId("reset-zoom").click();
  await expect(page).not.toHaveURL(/zoom=/);

  // ---- the traffic and retry charts below share the axis: a drag across either zooms the same way
  for (const below of ["traffic-chart", "retry-chart"]) {
    await waitForChart(chart);
    await drag(page, 0.3, 0.5, below);
    await expect(page, `a drag across ${below}`).toHaveURL(/zoom=/);
    const zoomed = new URL(page.url());
    expect(Date.parse(zoomed.searchParams.get("from")!)).toBeGreaterThan(Date.parse(range.from));
    expect(Date.parse(zoomed.searchParams.get("to")!)).toBeLessThan(Date.parse(range.to));
    await page.getByTestId("reset-zoom").click();
    await expect(page).not.toHaveURL(/zoom=/);
  }

  // ---- a drag across an SLO burn-down charts the days between the two day ends it was dragged over
  const slo = (await (await page.request.get(`/api/integrations/${encodeURIComponent(key)}/slo`)).json()) as { availability: { burnDown: Array<{ t: string }> } };
  const dayEnds = slo.availability.burnDown.map((p) => p.t);
  expect(dayEnds.length).toBeGreaterThan(7);
  await waitForChart(chart);
  await drag(page, 0.2, 0.6, "slo-availability-burn-down");
  await expect(page, "a drag across the burn-down").toHaveURL(/zoom=/);
  const days = new URL(page.url());
  const [dayFrom, dayTo] = [days.searchParams.get("from")!, days.searchParams.get("to")!];
  // The page's own SLO answer was computed a few seconds before this one: its day ends are as many seconds earlier.
  const nearestDayEnd = (iso: string) => Math.min(...dayEnds.map((t) => Math.abs(Date.parse(t) - Date.parse(iso))));
  expect(nearestDayEnd(dayFrom)).toBeLessThan(60_000);
  expect(nearestDayEnd(dayTo)).toBeLessThan(60_000);
  expect(Date.parse(dayTo) - Date.parse(dayFrom)).toBeGreaterThanOrEqual(2 * 86_400_000);
  // This integration point's calls are all in the last hour: those days are empty, and say so with a way back.
  await expect(page.getByTestId("zoomed-empty")).toContainText("No calls in the zoomed range.");
  await page.getByTestId("reset-zoom").click();
  await expect(page).not.toHaveURL(/zoom=/);
  await waitForChart(chart);

  // ---- copy link to this moment: a click picks it, the clipboard gets a URL that opens zoomed around it
  await waitForChart(chart);
  const box = await plotBox(page);
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
  await page.mouse.click(box.x + box.width * 0.5 + 1, box.y + box.height / 2);
  const bar = page.getByTestId("moment-bar");
  await expect(bar.getByTestId("moment-time")).toHaveText(/UTC\+05:30$/);
  await bar.getByTestId("copy-moment-link").click();
  await expect(bar.getByTestId("copy-status")).toHaveText("Copied");
  const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  const atMs = Date.parse(link.searchParams.get("at")!);
  expect(link.searchParams.get("range")).toBe("custom");
  expect(Date.parse(link.searchParams.get("from")!)).toBe(atMs - 30 * MINUTE);
  // The moment is a step of the hour shown; the link's end is half an hour on, or now if sooner.
  expect(atMs).toBeGreaterThanOrEqual(Date.parse(range.from));
  expect(atMs).toBeLessThan(Date.parse(range.to));
  expect(Date.parse(link.searchParams.get("to")!)).toBeLessThanOrEqual(atMs + 30 * MINUTE);
  expect(Date.parse(link.searchParams.get("to")!)).toBeGreaterThan(atMs + 5 * MINUTE);
  const opened = page.waitForResponse((r) => isLatency(r) && r.url().includes("from="));
  await page.goto(link.pathname + link.search);
  expect(Date.parse(new URL((await opened).url()).searchParams.get("from")!)).toBe(atMs - 30 * MINUTE);
  await waitForChart(chart);
  await expect(page.getByTestId("linked-moment")).toContainText("UTC+05:30");
  await expect(chart.getByText("linked moment", { exact: true })).toBeVisible();
  await expect(page.getByTestId("reset-zoom")).toBeVisible();

  // ---- the keyboard's way to a moment: the newest step, then one step earlier, copied by Enter
  const fresh = page.waitForResponse(isLatency);
  await page.goto(latencyUrl());
  const shown = (await (await fresh).json()) as LatencyAnswer;
  const stepMs = Date.parse(shown.series[1]!.t) - Date.parse(shown.series[0]!.t);
  await waitForChart(chart);
  const copiedAt = async () => {
    await bar.getByTestId("copy-moment-link").focus();
    await page.keyboard.press("Enter");
    await expect(bar.getByTestId("copy-status")).toHaveText("Copied");
    return Date.parse(new URL(await page.evaluate(() => navigator.clipboard.readText())).searchParams.get("at")!);
  };
  await page.getByTestId("pick-moment").focus();
  await page.keyboard.press("Enter");
  const newest = await copiedAt();
  expect(newest).toBeGreaterThanOrEqual(Date.parse(shown.series.at(-1)!.t));
  await bar.getByTestId("moment-earlier").focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  expect(await copiedAt()).toBe(newest - 2 * stepMs);
  await bar.getByTestId("moment-later").focus();
  await page.keyboard.press("Enter");
  expect(await copiedAt()).toBe(newest - stepMs);

  // ---- the keyboard's way: Zoom in halves the range about its middle
  await page.goto(latencyUrl());
  await waitForChart(chart);
  const zoomIn = page.getByTestId("chart-tools").getByRole("button", { name: "Zoom in" });
  await zoomIn.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/zoom=/);
  const halved = new URL(page.url());
  expect(Date.parse(halved.searchParams.get("to")!) - Date.parse(halved.searchParams.get("from")!)).toBe(30 * MINUTE);
});
