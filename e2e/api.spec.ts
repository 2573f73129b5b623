// The HTTP API's authentication and authorization contract, as scripts and tools see it.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { authFile, bearer, cliCreateToken, demoEmail, signedOut, unique } from "./support";

test.use({ storageState: signedOut });

interface ApiError {
  error: { code: string; message: string; details?: unknown };
}

/** Creates a token through the admin API, signed in as the demo admin (a cookie session). */
async function adminApiToken(request: APIRequestContext, body: { name: string; scopes: string[]; userEmail: string }): Promise<string> {
  const response = await request.post("/api/tokens", { data: body });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

test("GET /api/health answers without auth", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", db: "ok" });
});

test("GET /api/teams without auth is 401 unauthenticated", async ({ request }) => {
  const response = await request.get("/api/teams");
  expect(response.status()).toBe(401);
  const body = (await response.json()) as ApiError;
  expect(body.error.code).toBe("unauthenticated");
  expect(typeof body.error.message).toBe("string");
});

test("a malformed bearer token is 401, not a fallback to anything else", async ({ request }) => {
  const response = await request.get("/api/teams", { headers: bearer("ew_not-a-real-token") });
  expect(response.status()).toBe(401);
  expect(((await response.json()) as ApiError).error.code).toBe("unauthenticated");
});

test("a telemetry:write token (made with the CLI) may not read teams: 403 forbidden", async ({ request }) => {
  const token = await cliCreateToken({ name: unique("e2e-cli-telemetry"), scopes: ["telemetry:write"], user: demoEmail("member") });
  const response = await request.get("/api/teams", { headers: bearer(token) });
  expect(response.status()).toBe(403);
  const body = (await response.json()) as ApiError;
  expect(body.error.code).toBe("forbidden");
  expect(body.error.message).toContain("telemetry:write");
});

test("a catalog:read token reads teams but may not create one: 403", async ({ request, playwright }) => {
  const admin = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, storageState: authFile("admin") });
  try {
    const token = await adminApiToken(admin, { name: unique("e2e-api-read"), scopes: ["catalog:read"], userEmail: demoEmail("admin") });

    expect((await request.get("/api/teams", { headers: bearer(token) })).status()).toBe(200);

    const slug = unique("e2e-team");
    const response = await request.post("/api/teams", { headers: bearer(token), data: { slug, name: "Should not exist" } });
    expect(response.status()).toBe(403);
    expect(((await response.json()) as ApiError).error.code).toBe("forbidden");

    const teams = (await (await admin.get("/api/teams")).json()) as { items: { slug: string }[] };
    expect(teams.items.map((t) => t.slug)).not.toContain(slug);
  } finally {
    await admin.dispose();
  }
});
