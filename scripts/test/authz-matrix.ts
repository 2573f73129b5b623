// The authorization matrix: for every mutating HTTP route (and the reads in MATRIX_READS, which a scope of
// their own guards), the status each role must get — on its own
// team's resource and on another team's — written out by hand (never computed from `can()`, which is
// what it checks). Shared by the token half (app/api/authz-matrix.int.test.ts, route handlers in
// process) and the session half (e2e/authz-matrix.spec.ts, real HTTP with real cookies). Each entry
// also knows how to make a fresh target through the API, so both halves build their data the same way.
// A route listed in lib/http/api-operations.ts without an entry here fails both tests.

export const MATRIX_ROLES = ["viewer", "member", "architect", "admin"] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];
export type MatrixScope = "catalog:read" | "catalog:write" | "decisions:write" | "telemetry:write" | "metrics:read" | "admin";

/** "2xx" = allowed and done; otherwise the exact refusal status. */
export type Outcome = "2xx" | 403 | 409;
/** One outcome whatever the ownership, or [own team's resource, another team's resource]. */
export type Cell = Outcome | readonly [own: Outcome, other: Outcome];

export interface ApiResult {
  status: number;
  body: unknown;
}
export type Api = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiResult>;

export interface PrepareContext {
  /** An admin, to make the target. */
  admin: Api;
  /** The caller itself with the rights to author a decision record (null for viewers, who cannot). */
  self: Api | null;
  /** The team the target belongs to: the caller's own team, or one the caller is not in. */
  team: string;
  ownership: "own" | "other";
  /** A fresh suffix for names. */
  id: string;
}

export interface Prepared {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface MatrixEntry {
  /** The token scope the route needs (a token with only other scopes gets 403). */
  scope: MatrixScope;
  /** Only bearer tokens are accepted (OTLP exporters): a session gets 401. */
  tokenOnly?: boolean;
  expect: Record<MatrixRole, Cell>;
  prepare: (ctx: PrepareContext) => Promise<Prepared>;
}

// ---- fixtures, made through the API as the admin -------------------------------------------------

async function must(res: Promise<ApiResult>, what: string): Promise<Record<string, unknown>> {
  const r = await res;
  if (r.status >= 300) throw new Error(`matrix setup: ${what} answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body as Record<string, unknown>;
}

const enc = encodeURIComponent;

async function service(ctx: PrepareContext, suffix = ""): Promise<string> {
  const slug = `mx-${ctx.id}${suffix}`;
  await must(ctx.admin("POST", "/api/services", { slug, name: `Matrix ${slug}`, team: ctx.team }), "POST /api/services");
  return slug;
}

const declaration = (source: string, target: string, operation: string) => ({
  sourceService: source,
  targetService: target,
  operation,
  style: "sync",
  protocol: "grpc",
  budget: { p50Ms: 10, p95Ms: 50, p99Ms: 100 },
});

async function integration(ctx: PrepareContext): Promise<string> {
  const [a, b] = [await service(ctx, "-a"), await service(ctx, "-b")];
  const created = await must(ctx.admin("POST", "/api/integrations", declaration(a, b, "call")), "POST /api/integrations");
  return created.key as string;
}

async function journey(ctx: PrepareContext): Promise<string> {
  const step = await integration(ctx);
  const slug = `mxj-${ctx.id}`;
  await must(ctx.admin("POST", "/api/journeys", { slug, name: `Journey ${slug}`, team: ctx.team, budgetP99Ms: 500, steps: [step] }), "POST /api/journeys");
  return slug;
}

/** A draft record: authored by the caller for "own", by the admin for "other". */
async function decision(ctx: PrepareContext): Promise<number> {
  const author = ctx.ownership === "own" && ctx.self ? ctx.self : ctx.admin;
  const created = await must(author("POST", "/api/decisions", { title: `Matrix decision ${ctx.id}` }), "POST /api/decisions");
  return created.number as number;
}

async function firstRule(ctx: PrepareContext): Promise<{ id: string; enabled: boolean }> {
  const list = await must(ctx.admin("GET", "/api/policies"), "GET /api/policies");
  const items = (list.items ?? list) as { id: string; enabled: boolean }[];
  return items[0]!;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function waiverBody(ctx: PrepareContext) {
  const [rule, key, number] = [await firstRule(ctx), await integration(ctx), await decision({ ...ctx, ownership: "other" })];
  return { rule: rule.id, integration: key, reason: "Matrix test waiver, reviewed", expiresAt: inDays(30), decision: number };
}

async function newUser(ctx: PrepareContext): Promise<string> {
  const created = await must(ctx.admin("POST", "/api/users", { email: `mx-${ctx.id}@matrix.test`, name: "Matrix user", role: "viewer", password: "matrix-password-1" }), "POST /api/users");
  return created.id as string;
}

// ---- the matrix -------------------------------------------------------------------------------------

/** A webhook channel of the context's team, pointing at a port nothing listens on. */
async function notificationChannel(ctx: PrepareContext): Promise<string> {
  const created = await must(ctx.admin("POST", "/api/notifications/channels", { name: `mx-${ctx.id}`, kind: "webhook", url: "http://127.0.0.1:9/hook", team: ctx.team }), "POST /api/notifications/channels");
  return created.id as string;
}

async function notificationRule(ctx: PrepareContext): Promise<string> {
  const channelId = await notificationChannel(ctx);
  const created = await must(ctx.admin("POST", "/api/notifications/rules", { name: `mx-${ctx.id}`, events: ["decision.review_requested"], channelId }), "POST /api/notifications/rules");
  return created.id as string;
}

/** A delivery still being attempted (a review request on one of the team's integrations, to a channel that refuses connections). */
async function pendingDelivery(ctx: PrepareContext): Promise<string> {
  const channelId = await notificationChannel(ctx);
  await must(ctx.admin("POST", "/api/notifications/rules", { name: `mx-${ctx.id}`, events: ["decision.review_requested"], channelId }), "POST /api/notifications/rules");
  const key = await integration(ctx);
  const record = await must(ctx.admin("POST", "/api/decisions", { title: `Matrix notification ${ctx.id}`, integrations: [key] }), "POST /api/decisions");
  await must(ctx.admin("POST", `/api/decisions/${record.number as number}/transitions`, { to: "proposed" }), "POST …/transitions");
  const log = await must(ctx.admin("GET", `/api/notifications/deliveries?channel=${channelId}`), "GET /api/notifications/deliveries");
  const [delivery] = log.items as { id: string }[];
  if (!delivery) throw new Error("matrix setup: the review request was not delivered to the channel");
  return delivery.id;
}

const ADMIN_ONLY = { viewer: 403, member: 403, architect: 403, admin: "2xx" } as const;
/** catalog:write on a team's thing: members only on their own team's, architects and admins on any. */
const OWNED = { viewer: 403, member: ["2xx", 403], architect: "2xx", admin: "2xx" } as const;
const ARCHITECTS = { viewer: 403, member: 403, architect: "2xx", admin: "2xx" } as const;
const MEMBERS = { viewer: 403, member: "2xx", architect: "2xx", admin: "2xx" } as const;
/** Read-only though POSTed: every signed-in role. */
const EVERYONE = { viewer: "2xx", member: "2xx", architect: "2xx", admin: "2xx" } as const;

export const authzMatrix: Record<string, MatrixEntry> = {
  "POST /api/notifications/channels": {
    scope: "catalog:write",
    expect: OWNED,
    prepare: async (c) => ({ path: "/api/notifications/channels", body: { name: `mxc-${c.id}`, kind: "webhook", url: "http://127.0.0.1:9/hook", team: c.team } }),
  },
  "PATCH /api/notifications/channels/{id}": { scope: "catalog:write", expect: OWNED, prepare: async (c) => ({ path: `/api/notifications/channels/${await notificationChannel(c)}`, body: { name: `mxr-${c.id}` } }) },
  "DELETE /api/notifications/channels/{id}": { scope: "catalog:write", expect: OWNED, prepare: async (c) => ({ path: `/api/notifications/channels/${await notificationChannel(c)}` }) },
  "POST /api/notifications/channels/{id}/test": { scope: "catalog:write", expect: OWNED, prepare: async (c) => ({ path: `/api/notifications/channels/${await notificationChannel(c)}/test` }) },
  "POST /api/notifications/rules": {
    scope: "catalog:write",
    expect: OWNED,
    prepare: async (c) => ({ path: "/api/notifications/rules", body: { name: `mx-${c.id}`, events: ["slo.alert"], channelId: await notificationChannel(c) } }),
  },
  "PATCH /api/notifications/rules/{id}": { scope: "catalog:write", expect: OWNED, prepare: async (c) => ({ path: `/api/notifications/rules/${await notificationRule(c)}`, body: { muted: true } }) },
  "DELETE /api/notifications/rules/{id}": { scope: "catalog:write", expect: OWNED, prepare: async (c) => ({ path: `/api/notifications/rules/${await notificationRule(c)}` }) },
  // Only dead letters are replayed: a delivery still being attempted answers 409 to whoever may replay it.
  "POST /api/notifications/deliveries/{id}/replay": {
    scope: "catalog:write",
    expect: { viewer: 403, member: [409, 403], architect: 409, admin: 409 },
    prepare: async (c) => ({ path: `/api/notifications/deliveries/${await pendingDelivery(c)}/replay` }),
  },
  "POST /api/notifications/dead-letters/replay": { scope: "catalog:write", expect: OWNED, prepare: async (c) => ({ path: "/api/notifications/dead-letters/replay", body: { channelId: await notificationChannel(c) } }) },
  "POST /api/teams": { scope: "admin", expect: ADMIN_ONLY, prepare: async (c) => ({ path: "/api/teams", body: { slug: `mxt-${c.id}`, name: "Matrix team" } }) },
  "PATCH /api/teams/{slug}": {
    scope: "admin",
    expect: ADMIN_ONLY,
    prepare: async (c) => {
      const slug = `mxt-${c.id}`;
      await must(c.admin("POST", "/api/teams", { slug, name: "Matrix team" }), "POST /api/teams");
      return { path: `/api/teams/${slug}`, body: { name: "Matrix team renamed" } };
    },
  },
  "DELETE /api/teams/{slug}": {
    scope: "admin",
    expect: ADMIN_ONLY,
    prepare: async (c) => {
      const slug = `mxt-${c.id}`;
      await must(c.admin("POST", "/api/teams", { slug, name: "Matrix team" }), "POST /api/teams");
      return { path: `/api/teams/${slug}` };
    },
  },
  "POST /api/users": { scope: "admin", expect: ADMIN_ONLY, prepare: async (c) => ({ path: "/api/users", body: { email: `mx-${c.id}@matrix.test`, name: "Matrix user", role: "viewer", password: "matrix-password-1" } }) },
  "PATCH /api/users/{id}": { scope: "admin", expect: ADMIN_ONLY, prepare: async (c) => ({ path: `/api/users/${await newUser(c)}`, body: { name: "Matrix user renamed" } }) },
  "POST /api/tokens": {
    scope: "admin",
    expect: ADMIN_ONLY,
    prepare: async (c) => {
      await newUser(c);
      return { path: "/api/tokens", body: { name: `mx-${c.id}`, scopes: ["catalog:read"], userEmail: `mx-${c.id}@matrix.test` } };
    },
  },
  "DELETE /api/tokens/{id}": {
    scope: "admin",
    expect: ADMIN_ONLY,
    prepare: async (c) => {
      await newUser(c);
      const created = await must(c.admin("POST", "/api/tokens", { name: `mx-${c.id}`, scopes: ["catalog:read"], userEmail: `mx-${c.id}@matrix.test` }), "POST /api/tokens");
      return { path: `/api/tokens/${created.id as string}` };
    },
  },

  "POST /api/services": { scope: "catalog:write", expect: OWNED, prepare: async (c) => ({ path: "/api/services", body: { slug: `mx-${c.id}`, name: "Matrix service", team: c.team } }) },
  "PATCH /api/services/{slug}": { scope: "catalog:write", expect: OWNED, prepare: async (c) => ({ path: `/api/services/${await service(c)}`, body: { name: "Matrix service renamed" } }) },
  "DELETE /api/services/{slug}": { scope: "catalog:write", expect: OWNED, prepare: async (c) => ({ path: `/api/services/${await service(c)}` }) },
  "POST /api/integrations": {
    scope: "catalog:write",
    expect: OWNED,
    prepare: async (c) => ({ path: "/api/integrations", body: declaration(await service(c, "-a"), await service(c, "-b"), "create") }),
  },
  "PATCH /api/integrations/{key}": {
    scope: "catalog:write",
    expect: OWNED,
    prepare: async (c) => ({ path: `/api/integrations/${enc(await integration(c))}`, body: { budget: { p99Ms: 120 } }, headers: { "if-match": '"1"' } }),
  },
  "DELETE /api/integrations/{key}": { scope: "catalog:write", expect: OWNED, prepare: async (c) => ({ path: `/api/integrations/${enc(await integration(c))}`, headers: { "if-match": '"1"' } }) },
  "POST /api/annotations": { scope: "catalog:write", expect: OWNED, prepare: async (c) => ({ path: "/api/annotations", body: { kind: "deploy", title: "Matrix deploy", integrations: [await integration(c)] } }) },
  "POST /api/journeys": {
    scope: "catalog:write",
    expect: OWNED,
    prepare: async (c) => ({ path: "/api/journeys", body: { slug: `mxj-${c.id}`, name: "Matrix journey", team: c.team, budgetP99Ms: 500, steps: [await integration(c)] } }),
  },
  "PATCH /api/journeys/{slug}": { scope: "catalog:write", expect: OWNED, prepare: async (c) => ({ path: `/api/journeys/${await journey(c)}`, body: { name: "Matrix journey renamed" } }) },
  "POST /api/journeys/{slug}/simulate": {
    scope: "catalog:read",
    expect: EVERYONE,
    prepare: async (c) => ({ path: `/api/journeys/${await journey(c)}/simulate`, body: { requests: 1000, scenario: { changes: [] } } }),
  },
  "DELETE /api/journeys/{slug}": { scope: "catalog:write", expect: OWNED, prepare: async (c) => ({ path: `/api/journeys/${await journey(c)}` }) },

  "PATCH /api/policies/{rule}": {
    scope: "catalog:write",
    expect: ARCHITECTS,
    // Sends the rule's current switch back: allowed callers change nothing other tests rely on.
    prepare: async (c) => {
      const rule = await firstRule(c);
      return { path: `/api/policies/${rule.id}`, body: { enabled: rule.enabled } };
    },
  },
  "POST /api/waivers": { scope: "catalog:write", expect: ARCHITECTS, prepare: async (c) => ({ path: "/api/waivers", body: await waiverBody(c) }) },
  "POST /api/waivers/bulk": {
    scope: "catalog:write",
    expect: ARCHITECTS,
    prepare: async (c) => {
      const { rule, integration, ...terms } = await waiverBody(c);
      return { path: "/api/waivers/bulk", body: { findings: [{ rule, integration }], ...terms } };
    },
  },
  "DELETE /api/waivers/{id}": {
    scope: "catalog:write",
    expect: ARCHITECTS,
    prepare: async (c) => {
      const granted = await must(c.admin("POST", "/api/waivers", await waiverBody(c)), "POST /api/waivers");
      return { path: `/api/waivers/${granted.id as string}` };
    },
  },

  "POST /api/decisions": { scope: "decisions:write", expect: MEMBERS, prepare: async (c) => ({ path: "/api/decisions", body: { title: `Matrix decision ${c.id}` } }) },
  // Ownership of a record is authorship: members edit and propose their own; architects anyone's.
  "PATCH /api/decisions/{number}": {
    scope: "decisions:write",
    expect: { viewer: 403, member: ["2xx", 403], architect: "2xx", admin: "2xx" },
    prepare: async (c) => ({ path: `/api/decisions/${await decision(c)}`, body: { title: `Matrix decision ${c.id} edited` } }),
  },
  "POST /api/decisions/{number}/transitions": {
    scope: "decisions:write",
    // The workflow refuses a member proposing someone else's record: a permission refusal, 403.
    expect: { viewer: 403, member: ["2xx", 403], architect: "2xx", admin: "2xx" },
    prepare: async (c) => ({ path: `/api/decisions/${await decision(c)}/transitions`, body: { to: "proposed" } }),
  },
  // Attaching evidence is editing: members on their own records, architects on anyone's.
  "POST /api/decisions/{number}/evidence": {
    scope: "decisions:write",
    expect: { viewer: 403, member: ["2xx", 403], architect: "2xx", admin: "2xx" },
    prepare: async (c) => ({ path: `/api/decisions/${await decision(c)}/evidence`, body: { kind: "simulation", journey: await journey(c), requests: 1000 } }),
  },
  "POST /api/decisions/{number}/reviews": {
    scope: "decisions:write",
    expect: MEMBERS, // a comment; approving is the workflow's business (decision tests)
    prepare: async (c) => ({ path: `/api/decisions/${await decision(c)}/reviews`, body: { verdict: "comment", comment: "Matrix comment" } }),
  },
  "POST /api/decisions/import": {
    scope: "decisions:write",
    expect: ARCHITECTS,
    prepare: async (c) => ({
      path: "/api/decisions/import",
      body: { dryRun: true, files: [{ name: "adr-matrix.md", content: `---\nnumber: ${800_000 + Math.floor(Math.random() * 99_999)}\ndate: 2026-05-01\nstatus: draft\n---\n# Matrix import ${c.id}\n` }] },
    }),
  },

  "POST /api/catalog/import": {
    scope: "catalog:write",
    expect: OWNED, // ownership is checked per document: a member may import only their own team's services
    prepare: async (c) => ({
      path: "/api/catalog/import",
      body: { files: [{ name: "matrix.yaml", content: `apiVersion: edgewise.dev/v1\nkind: Service\nmetadata: { name: mxi-${c.id} }\nspec: { name: Matrix import, team: ${c.team} }\n` }] },
    }),
  },

  "POST /v1/traces": { scope: "telemetry:write", tokenOnly: true, expect: MEMBERS, prepare: async () => ({ path: "/v1/traces", body: { resourceSpans: [] } }) },
  // An empty WriteRequest, snappy-compressed: one byte, the uncompressed length 0.
  "POST /api/v1/write": {
    scope: "telemetry:write",
    tokenOnly: true,
    expect: MEMBERS,
    prepare: async () => ({ path: "/api/v1/write", body: new Uint8Array([0]), headers: { "content-type": "application/x-protobuf", "content-encoding": "snappy" } }),
  },
  "POST /v1/metrics": { scope: "telemetry:write", tokenOnly: true, expect: MEMBERS, prepare: async () => ({ path: "/v1/metrics", body: { resourceMetrics: [] } }) },
  "POST /v1/logs": { scope: "telemetry:write", tokenOnly: true, expect: MEMBERS, prepare: async () => ({ path: "/v1/logs", body: { resourceLogs: [] } }) },

  // Any signed-in role searches; a token needs catalog:read (or catalog:write).
  "GET /api/search": { scope: "catalog:read", expect: EVERYONE, prepare: async (c) => ({ path: `/api/search?q=${enc(await service(c))}` }) },
  // Everyone's own preference: sends the default back, so other tests' users keep theirs.
  "PATCH /api/me/preferences": { scope: "catalog:read", expect: EVERYONE, prepare: async () => ({ path: "/api/me/preferences", body: { timeZone: "browser" } }) },

  // Prometheus' scrape: any role's token with metrics:read (or a session); other scopes get 403.
  "GET /metrics": { scope: "metrics:read", expect: EVERYONE, prepare: async () => ({ path: "/metrics" }) },
};

export const MUTATING = new Set(["POST", "PATCH", "DELETE", "PUT"]);
/** Reads the matrix covers too: they need a scope no other read needs, or (search) span every kind of record. */
export const MATRIX_READS = new Set(["GET /metrics", "GET /api/search"]);
/** Whether `METHOD /path` must have a matrix entry. */
export const inMatrix = (key: string) => MUTATING.has(key.split(" ")[0]!) || MATRIX_READS.has(key);

/** What an entry must say for one caller: the route's outcome for the role and ownership. */
export function expectedFor(entry: MatrixEntry, role: MatrixRole, ownership: "own" | "other"): Outcome {
  const cell = entry.expect[role];
  return typeof cell === "object" ? cell[ownership === "own" ? 0 : 1] : cell;
}

/** Whether ownership makes a difference anywhere in the entry (then both sides are exercised). */
export const ownershipMatters = (entry: MatrixEntry) => Object.values(entry.expect).some((cell) => typeof cell === "object");

export function matches(outcome: Outcome, status: number): boolean {
  return outcome === "2xx" ? status >= 200 && status < 300 : status === outcome;
}

export function missingEntryMessage(key: string): string {
  return `${key} is listed in lib/http/api-operations.ts but has no entry in scripts/test/authz-matrix.ts: add one saying which status each role gets (own team / other team) and how to make a target`;
}
