// Shared helpers for the end-to-end specs: demo roles, stored sign-ins, unique names, the CLI.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "edgewise-demo";
export const ROLES = ["admin", "architect", "member", "viewer"] as const;
export type DemoRole = (typeof ROLES)[number];

export const demoEmail = (role: DemoRole) => `${role}@edgewise.local`;
/** Where auth.setup.ts stores each role's signed-in browser state. */
export const authFile = (role: DemoRole) => `e2e/.auth/${role}.json`;
/** A browser state with nobody signed in, for specs that must not carry a session. */
export const signedOut = { cookies: [], origins: [] };

export const NAV_LABELS = ["Overview", "Catalog", "Journeys", "Findings", "Decisions", "Drift", "Settings"] as const;

/** Short, unique, lower-case suffix so every test makes its own data and reruns never collide. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
}

export function baseURL(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error("E2E_BASE_URL is not set: run the specs through playwright.config.ts");
  return url;
}

/**
 * Waits until React has hydrated the element, so a click reaches its handler. Before hydration
 * the server HTML is already visible and clickable, but nothing would happen.
 */
export async function waitForHydration(locator: Locator): Promise<void> {
  await expect
    .poll(() => locator.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps$"))), {
      message: "the element should be hydrated by React",
    })
    .toBe(true);
}

/** Opens the command palette with Ctrl-K once the shell has hydrated; answers the dialog. */
export async function openPalette(page: Page): Promise<Locator> {
  await waitForHydration(page.getByTestId("palette-button"));
  await page.keyboard.press("Control+K");
  const dialog = page.getByRole("dialog", { name: "Go to" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("combobox")).toBeFocused();
  return dialog;
}

/** Signs in through the real /login form and waits for the signed-in shell. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  const form = page.getByRole("form", { name: "Sign in" });
  const submit = form.getByRole("button", { name: "Sign in" });
  await waitForHydration(submit);
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill(password);
  await submit.click();
  await expect(page.getByTestId("user-role")).toBeVisible();
}

const execFileAsync = promisify(execFile);

/** Creates an API token with the `edgewise` CLI against the server's own database; returns the token. */
export async function cliCreateToken(options: { name: string; scopes: string[]; user: string }): Promise<string> {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error("E2E_DATA_DIR is not set: run the specs through playwright.config.ts");
  const { stdout } = await execFileAsync(
    "npm",
    ["run", "-s", "edgewise", "--", "token", "create", "--name", options.name, "--scopes", options.scopes.join(","), "--user", options.user],
    { env: { ...process.env, EDGEWISE_DATA_DIR: dataDir }, timeout: 60_000 },
  );
  const token = stdout.trim().split("\n").at(-1)?.trim() ?? "";
  expect(token, `the CLI should print the token on its last line; it printed:\n${stdout}`).toMatch(/^ew_[A-Za-z0-9_-]{43}$/);
  return token;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** POSTs JSON with a bearer token and expects 201 Created. */
export async function postCreated(request: APIRequestContext, token: string, path: string, data: unknown): Promise<void> {
  const res = await request.post(path, { headers: bearer(token), data });
  expect(res.status(), await res.text()).toBe(201);
}

/**
 * A team of the test's own with two services and synchronous integration points between them, so
 * telemetry the test sends is the only telemetry they have (the demo estate has 30 days of its own).
 * Needs a token with the admin scope.
 */
export async function declareEstate(request: APIRequestContext, token: string, integrations: { operation: string; p99Ms: number }[], prefix = "e2e") {
  const team = unique(`${prefix}-team`);
  await postCreated(request, token, "/api/teams", { slug: team, name: `Team ${team}` });
  const [source, target] = [unique(`${prefix}-src`), unique(`${prefix}-dst`)];
  for (const slug of [source, target]) await postCreated(request, token, "/api/services", { slug, name: slug, team });
  for (const { operation, p99Ms } of integrations) {
    await postCreated(request, token, "/api/integrations", { sourceService: source, targetService: target, operation, style: "sync", protocol: "http", budget: { p99Ms }, resilience: { timeoutMs: 3 * p99Ms } });
  }
  return { team, source, target, key: (operation: string) => `${source}->${target}:${operation}` };
}

/** One client call for sendClientSpans: when it started, how long it took, whether it failed. */
export interface ClientCall {
  startMs: number;
  durationMs: number;
  error?: boolean;
}

/** Posts OTLP/JSON client spans `source` → `target` named `operation`, one per call, and expects 200. */
export async function sendClientSpans(request: APIRequestContext, token: string, source: string, target: string, operation: string, calls: ClientCall[]): Promise<void> {
  const spans = calls.map((c, i) => {
    const startNs = BigInt(c.startMs) * 1_000_000n;
    return {
      traceId: "5b8efff798038103d269b633813fc60c",
      spanId: (i + 1).toString(16).padStart(16, "0"),
      name: operation,
      kind: 3,
      startTimeUnixNano: String(startNs),
      endTimeUnixNano: String(startNs + BigInt(Math.round(c.durationMs * 1_000_000))),
      attributes: [{ key: "peer.service", value: { stringValue: target } }],
      status: { code: c.error ? 2 : 0 },
    };
  });
  const res = await request.post("/v1/traces", {
    headers: bearer(token),
    data: { resourceSpans: [{ resource: { attributes: [{ key: "service.name", value: { stringValue: source } }] }, scopeSpans: [{ spans }] }] },
  });
  expect(res.status(), await res.text()).toBe(200);
}
