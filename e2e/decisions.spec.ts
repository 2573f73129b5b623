// Design-review records end to end: a member drafts a decision from an integration page and proposes
// it; the architect requests changes; the member revises; the architect approves and accepts; the
// integration's Decisions tab shows it. And hostile Markdown renders inert.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { authFile, unique, waitForHydration } from "./support";

const INTEGRATION = "checkout->payments:authorize";
const integrationPage = `/catalog/${encodeURIComponent(INTEGRATION)}`;

async function as(browser: Browser, role: "member" | "architect" | "viewer"): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(role) });
  return context.newPage();
}

async function transition(page: Page, to: string) {
  const button = page.locator(`[data-testid="transition"][data-to="${to}"]`);
  await waitForHydration(button);
  await expect(button).toBeEnabled();
  await button.click();
}

async function review(page: Page, verdict: "Approve" | "Request changes", comment: string) {
  const form = page.getByRole("form", { name: "Review" });
  await waitForHydration(form.getByRole("button", { name: "Submit review" }));
  await form.getByRole("radio", { name: verdict }).check();
  await form.getByLabel("Review comment").fill(comment);
  await form.getByRole("button", { name: "Submit review" }).click();
}

test("a decision goes from draft to accepted through review, and shows on its integration", async ({ browser }) => {
  const title = `Authorize at capture ${unique("adr")}`;
  const member = await as(browser, "member");

  // From the integration page: "New decision about this" pre-links the integration.
  await member.goto(integrationPage);
  await member.getByRole("link", { name: "New decision about this" }).click();
  await expect(member).toHaveURL(/\/decisions\/new\?integration=/);
  const form = member.getByRole("form", { name: "New decision" });
  await waitForHydration(form.getByRole("button", { name: "Save draft" }));
  await expect(form.locator('[data-testid="token"]')).toHaveAttribute("data-value", INTEGRATION);
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Context and problem statement").fill("Synchronous authorization adds 250 ms to the checkout p99.");
  await form.getByRole("button", { name: "Save draft" }).click();
  await expect(member).toHaveURL(/\/decisions\/\d+$/);
  const number = Number(new URL(member.url()).pathname.split("/").pop());
  await expect(member.getByRole("heading", { level: 1 })).toContainText(title);

  await transition(member, "proposed");
  await expect(member.locator('[data-testid="timeline-entry"][data-kind="transition"]').filter({ hasText: /proposed/i })).toBeVisible();

  // The architect asks for changes; acceptance is then refused.
  const architect = await as(browser, "architect");
  await architect.goto(`/decisions/${number}`);
  await review(architect, "Request changes", "Quantify the latency win.");
  await expect(architect.getByTestId("changes-requested")).toBeVisible();
  await expect(architect.locator('[data-testid="transition"][data-to="accepted"]')).toBeDisabled();

  // The member revises: a new revision with a visible diff.
  await member.goto(`/decisions/${number}/edit`);
  const edit = member.getByRole("form", { name: "Edit decision" });
  await waitForHydration(edit.getByRole("button", { name: "Save changes" }));
  await edit.getByLabel("Decision outcome").fill("Authorize at capture time: 250 ms off the checkout p99.");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(member).toHaveURL(new RegExp(`/decisions/${number}$`));
  await expect(member.locator('[data-testid="revision-change"][data-path="outcome"]')).toBeVisible();

  // The architect approves the new revision and accepts.
  await architect.goto(`/decisions/${number}`);
  await review(architect, "Approve", "Numbers look right.");
  await expect(architect.getByTestId("approval-count")).toContainText("1");
  await transition(architect, "accepted");
  await expect(architect.locator('[data-testid="timeline-entry"][data-kind="transition"]').filter({ hasText: /accepted/i })).toBeVisible();
  await expect(architect.locator('[data-testid="transition"][data-to="deprecated"]')).toBeVisible();

  // The integration's Decisions tab lists it.
  await member.goto(`${integrationPage}?tab=decisions`);
  await expect(member.getByTestId("integration-decision").filter({ hasText: title })).toContainText("accepted");
  await member.context().close();
  await architect.context().close();
});

test("hostile Markdown in a record renders inert", async ({ browser }) => {
  const member = await as(browser, "member");
  const dialogs: string[] = [];
  member.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await member.goto("/decisions/new");
  const form = member.getByRole("form", { name: "New decision" });
  await waitForHydration(form.getByRole("button", { name: "Save draft" }));
  await form.getByLabel("Title").fill(`Hostile ${unique("md")}`);
  await form
    .getByLabel("Context and problem statement")
    .fill('<script>alert("script")</script>\n\n<img src=x onerror="alert(\'img\')">\n\n[click me](javascript:alert("link"))\n\n<a href="javascript:alert(1)">raw link</a>');
  await form.getByRole("button", { name: "Save draft" }).click();
  await expect(member).toHaveURL(/\/decisions\/\d+$/);
  await expect(member.getByText("click me")).toBeVisible();

  const hostile = await member.evaluate(() => ({
    scripts: [...document.querySelectorAll("main script")].length,
    handlers: [...document.querySelectorAll("main *")].filter((el) => [...el.attributes].some((a) => a.name.startsWith("on"))).length,
    jsLinks: [...document.querySelectorAll("main a")].filter((a) => (a.getAttribute("href") ?? "").trim().toLowerCase().startsWith("javascript:")).length,
    images: [...document.querySelectorAll("main img")].filter((img) => img.getAttribute("src") === "x").length,
  }));
  expect(hostile).toEqual({ scripts: 0, handlers: 0, jsLinks: 0, images: 0 });
  await member.getByText("click me").click();
  await member.waitForTimeout(300);
  expect(dialogs).toEqual([]);
  await member.context().close();
});

test("an architect previews and applies a MADR import; re-importing changes nothing", async ({ browser }, testInfo) => {
  const architect = await as(browser, "architect");
  const number = 9000 + Math.floor(Math.random() * 900);
  const file = testInfo.outputPath(`adr-${number}.md`);
  const fs = await import("node:fs");
  fs.writeFileSync(file, `---\nnumber: ${number}\ntitle: "Use gRPC for internal calls"\nstatus: accepted\ndate: 2026-05-01\n---\n\n# Use gRPC for internal calls\n\n## Context and Problem Statement\n\nInternal calls use JSON over HTTP.\n\n## Decision Outcome\n\nUse gRPC.\n`);
  await architect.goto("/decisions/import");
  const preview = architect.getByRole("button", { name: "Preview (dry run)" });
  await waitForHydration(preview);
  await architect.getByTestId("import-files").setInputFiles(file);
  await preview.click();
  await expect(architect.getByTestId("import-report")).toContainText(`Would be created ADR-${number}`);
  expect((await architect.request.get(`/api/decisions/${number}`)).status()).toBe(404);
  await architect.getByRole("button", { name: "Apply import" }).click();
  await expect(architect.getByTestId("import-report")).toContainText(`Done: created ADR-${number}`);
  await architect.goto(`/decisions/${number}`);
  await expect(architect.getByRole("heading", { level: 1 })).toContainText("Use gRPC for internal calls");
  // Its status came from the file, not from review here, and the page says so.
  await expect(architect.getByTestId("imported-notice")).toContainText(`Imported as accepted by architect@edgewise.local`);
  await expect(architect.getByTestId("imported-notice")).toContainText(`Imported from adr-${number}.md as accepted`);

  await architect.goto("/decisions/import");
  await waitForHydration(architect.getByRole("button", { name: "Preview (dry run)" }));
  await architect.getByTestId("import-files").setInputFiles(file);
  await architect.getByRole("button", { name: "Preview (dry run)" }).click();
  await expect(architect.getByTestId("import-report")).toContainText(`unchanged ADR-${number}`);
  await architect.context().close();
});
