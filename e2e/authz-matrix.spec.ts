// The authorization matrix, session half: every mutating route the server documents (and the reads in
// MATRIX_READS; its OpenAPI
// document, generated from lib/http/api-operations.ts) × each demo role's real signed-in session ×
// (own team / other team), over real HTTP with real cookies, against the hand-written expected statuses
// in scripts/test/authz-matrix.ts. Also: the same writes from another origin, or with no session at
// all, are refused and change nothing. The token half is app/api/authz-matrix.int.test.ts.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { authzMatrix, expectedFor, inMatrix, matches, MATRIX_ROLES, missingEntryMessage, MUTATING, ownershipMatters, type Api, type MatrixRole } from "../scripts/test/authz-matrix";
import { authFile, baseURL, signedOut } from "./support";

test.use({ storageState: signedOut });

/** The demo member belongs to checkout-team only (prisma/seed.ts); payments-team is someone else's. */
const OWN_TEAM = "checkout-team";
const OTHER_TEAM = "payments-team";

function asApi(ctx: APIRequestContext): Api {
  return async (method, path, body, headers = {}) => {
    const res = await ctx.fetch(path, { method, data: body, headers, failOnStatusCode: false });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status(), body: parsed };
  };
}

const contexts = new Map<MatrixRole | "anonymous" | "evil", APIRequestContext>();
let mutating: string[] = [];
let counter = 0;
const id = () => `e${Date.now().toString(36)}${++counter}`;

test.beforeAll(async ({ playwright }) => {
  const base = baseURL();
  // Our own pages send their origin with every write; so does this client.
  for (const role of MATRIX_ROLES) contexts.set(role, await playwright.request.newContext({ baseURL: base, storageState: authFile(role), extraHTTPHeaders: { Origin: base } }));
  contexts.set("anonymous", await playwright.request.newContext({ baseURL: base, storageState: signedOut, extraHTTPHeaders: { Origin: base } }));
  // The admin's cookies, sent by a page on another site (what a browser does for a cross-site form post or fetch).
  contexts.set("evil", await playwright.request.newContext({ baseURL: base, storageState: authFile("admin"), extraHTTPHeaders: { Origin: "https://evil.example" } }));
  const doc = (await (await contexts.get("admin")!.get("/api/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
  mutating = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`)).filter(inMatrix);
});

test.afterAll(async () => {
  for (const ctx of contexts.values()) await ctx.dispose();
});

const admin = () => asApi(contexts.get("admin")!);

test("every mutating route the server documents has an entry in the matrix", () => {
  expect(mutating.length).toBeGreaterThan(20);
  const missing = mutating.filter((k) => !authzMatrix[k]).map(missingEntryMessage);
  expect(missing, missing.join("\n")).toEqual([]);
});

for (const [key, entry] of Object.entries(authzMatrix)) {
  const [method] = key.split(" ") as [string];

  test(`session: ${key}`, async () => {
    expect(mutating, `${key} has a matrix entry but the server does not document it`).toContain(key);
    const failures: string[] = [];
    const sides = ownershipMatters(entry) ? (["own", "other"] as const) : (["own"] as const);
    for (const role of MATRIX_ROLES) {
      for (const ownership of sides) {
        const self = role === "viewer" ? null : asApi(contexts.get(role)!);
        const target = await entry.prepare({ admin: admin(), self, team: ownership === "own" ? OWN_TEAM : OTHER_TEAM, ownership, id: id() });
        const res = await asApi(contexts.get(role)!)(method, target.path, target.body, target.headers);
        // Exporter endpoints take bearer tokens only: a session is not a credential there.
        const want = entry.tokenOnly ? 401 : expectedFor(entry, role, ownership);
        if (!matches(want as never, res.status)) failures.push(`${role} session · ${ownership} team: expected ${want}, got ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
    }
    expect(failures, failures.join("\n")).toEqual([]);
  });

  test(`cross-site and signed-out: ${key}`, async () => {
    expect(mutating).toContain(key);
    // The admin could do this from our own pages (own team): from another origin the same cookies get 403,
    // with no Origin but a cross-site fetch marker too, and without cookies 401; none of them does anything.
    // A read changes nothing and its answer is kept from other sites by the browser: only the last applies.
    type Attempt = [string, APIRequestContext, Record<string, string>, number];
    const crossSite: Attempt[] = [
      ["Origin: https://evil.example", contexts.get("evil")!, {}, entry.tokenOnly ? 401 : 403],
      ["Sec-Fetch-Site: cross-site, no Origin", contexts.get("evil")!, { Origin: "", "Sec-Fetch-Site": "cross-site" }, entry.tokenOnly ? 401 : 403],
    ];
    const attempts: Attempt[] = [...(MUTATING.has(method) ? crossSite : []), ["no session", contexts.get("anonymous")!, {}, 401]];
    for (const [label, ctx, headers, want] of attempts) {
      const target = await entry.prepare({ admin: admin(), self: asApi(contexts.get("admin")!), team: OWN_TEAM, ownership: "own", id: id() });
      const auditBefore = await auditHead();
      const res = await asApi(ctx)(method, target.path, target.body, { ...target.headers, ...headers });
      expect(res.status, `${label}: ${JSON.stringify(res.body).slice(0, 200)}`).toBe(want);
      expect(await auditHead(), `${label}: a refused write must not be audited`).toBe(auditBefore);
    }
  });
}

/** The newest audit event's id: unchanged means nothing was written. */
async function auditHead(): Promise<string | null> {
  const res = await contexts.get("admin")!.get("/api/audit?limit=1");
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: { id: string }[] }).items[0]?.id ?? null;
}
