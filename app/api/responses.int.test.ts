// The OpenAPI document against what the routes really answer: every documented GET, and the writes
// that make the data they read, are called through the real route handlers on the real database, and
// each answer (status, media type, body) is checked against the served document's response schema
// with a JSON Schema validator. A handler that drifts from its schema (a field renamed, added or of
// another type, an undocumented status) fails here. Operations without a response schema are listed
// exactly, so covering one means taking it off the list.
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { createToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { operations, type Operation } from "@/lib/http/api-operations";
import { successStatus } from "@/lib/http/openapi";
import { callRoute, resolveOperation, routeModule, type InProcessResult } from "@/scripts/test/in-process-api";
import { makeTeam, makeUser, unique } from "@/scripts/test/factories";

/** Operations whose success body is not described by a schema yet (non-JSON ones say their media type instead). */
const WITHOUT_RESPONSE_SCHEMA: string[] = [];
/** Covered operations this test does not call (yet): their schema is checked by nothing but review. */
const NOT_EXERCISED: string[] = [];

type DocOperation = { responses: Record<string, { content?: Record<string, { schema?: object }>; headers?: Record<string, unknown> }> };
type Doc = { servers: { url: string }[]; paths: Record<string, Record<string, DocOperation>>; components: { schemas: Record<string, object> } };

let doc: Doc;
let ajv: Ajv2020;
let token = "";
const validators = new Map<string, ValidateFunction>();
/** `METHOD template` of every answer that conformed with a 2xx status. */
const conformed = new Set<string>();
/** What did not conform since the last look (set-up's answers are looked at with the GETs'). */
const failures: string[] = [];
const noFailures = () => expect(failures.splice(0)).toEqual([]);

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

/** The document's schema for one answer, compiled once; null when the document gives none. */
function validatorFor(template: string, method: string, status: string, mediaType: string): ValidateFunction | null {
  const id = `${method} ${template} ${status} ${mediaType}`;
  if (!validators.has(id)) {
    if (!doc.paths[template]?.[method]?.responses[status]?.content?.[mediaType]?.schema) return null;
    validators.set(id, ajv.compile({ $ref: `urn:edgewise:openapi#/${pointer("paths", template, method, "responses", status, "content", mediaType, "schema")}` }));
  }
  return validators.get(id)!;
}

/** Whether an answer is one the document describes; what differs, if not. */
function check(method: string, concrete: string, res: InProcessResult): string[] {
  const resolved = resolveOperation(method, concrete).template;
  // A resource's other form (`/api/decisions/12.md`) is documented as a path of its own.
  const alternate = operations.find((o) => o.path === resolved && o.method === method)?.alternate;
  const template = alternate && concrete.split("?")[0]!.endsWith(alternate.suffix) ? `${resolved}${alternate.suffix}` : resolved;
  const where = `${method} ${concrete} → ${res.status}`;
  const responses = doc.paths[template]?.[method.toLowerCase()]?.responses ?? {};
  const status = String(res.status);
  if (!responses[status]) return [`${where}: status not documented (documented: ${Object.keys(responses).join(", ")})`];
  const missingHeaders = Object.keys(responses[status].headers ?? {}).filter((h) => !res.headers.get(h));
  if (missingHeaders.length > 0) return [`${where}: documented header ${missingHeaders.join(", ")} not sent`];
  const content = responses[status].content;
  if (!content) return res.body === null ? [] : [`${where}: documented without a body, answered one`];
  const type = (res.headers.get("content-type") ?? "").split(";")[0]!.trim();
  if (!content[type]) return [`${where}: media type ${type} not documented (documented: ${Object.keys(content).join(", ")})`];
  const validate = validatorFor(template, method.toLowerCase(), status, type);
  if (validate && !validate(res.body)) return [`${where}: ${ajv.errorsText(validate.errors?.slice(0, 5), { dataVar: "body" })}`];
  if (res.status < 300 && validate) conformed.add(`${method} ${template}`);
  return [];
}

/** A request as the admin; its answer must conform, and (for set-up) succeed. */
async function call(method: string, concrete: string, body?: unknown, headers?: Record<string, string>) {
  const res = await callRoute(token, method, concrete, body, headers);
  failures.push(...check(method, concrete, res));
  if (res.status >= 300) throw new Error(`${method} ${concrete}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, unknown>;
}

/** Concrete paths for the templated GETs, filled in as the data is made. */
const samples: Record<string, string> = {};
/** What the last test deletes (so the reads before it see everything). */
const doomed: { integration: string; journey: string; service: string; team: string; waiver: string; token: string; rule: string; channel: string } = {} as never;

const span = (traceId: string, i: number, startMs: number, peer: string) => ({
  traceId,
  spanId: (i + 1).toString(16).padStart(16, "0"),
  name: "call",
  kind: 3,
  startTimeUnixNano: String(BigInt(startMs + i * 100) * 1_000_000n),
  endTimeUnixNano: String(BigInt(startMs + i * 100 + 10 + i) * 1_000_000n),
  attributes: [{ key: "peer.service", value: { stringValue: peer } }],
  status: { code: i % 5 === 0 ? 2 : 0 },
});

beforeAll(async () => {
  const team = await makeTeam();
  const admin = await makeUser("admin", [team.id]);
  token = (await createToken(systemActor("responses"), { name: unique("responses"), scopes: ["admin"], userEmail: admin.email })).token;
  const served = await callRoute(token, "GET", "/api/openapi.json");
  doc = served.body as Doc;
  ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema({ $id: "urn:edgewise:openapi", paths: doc.paths, components: doc.components });

  const spare = unique("rt");
  await call("POST", "/api/teams", { slug: spare, name: "Responses spare team" });
  await call("PATCH", `/api/teams/${spare}`, { name: "Responses spare team, renamed" });
  const [a, b, c, d] = [unique("ra"), unique("rb"), unique("rc"), unique("rd")];
  for (const slug of [a, b, c, d]) await call("POST", "/api/services", { slug, name: `Service ${slug}`, team: team.slug, telemetryName: slug });
  await call("PATCH", `/api/services/${a}`, { description: "Calls b" });
  const created = await call("POST", "/api/integrations", { sourceService: a, targetService: b, operation: "call", style: "sync", protocol: "grpc", budget: { p50Ms: 10, p95Ms: 50, p99Ms: 100 } });
  const key = created.key as string;
  const other = await call("POST", "/api/integrations", { sourceService: a, targetService: c, operation: "notify", style: "async-event", protocol: "kafka", budget: { p99Ms: 1000 }, delivery: { guarantee: "at-least-once" } });
  await call("PATCH", `/api/integrations/${encodeURIComponent(key)}`, { description: "The call", resilience: { timeoutMs: 200 } }, { "if-match": '"1"' });
  const journey = unique("rj");
  await call("POST", "/api/journeys", { slug: journey, name: "Responses journey", team: team.slug, budgetP99Ms: 500, steps: [key] });
  await call("PATCH", `/api/journeys/${journey}`, { name: "Responses journey, renamed" });
  const spareJourney = unique("rj");
  await call("POST", "/api/journeys", { slug: spareJourney, name: "Spare journey", team: team.slug, budgetP99Ms: 500, steps: [other.key] });
  // Calls a → b (one in five an error) and a → an undeclared service, two minutes ago.
  const traceId = unique("t").replace(/\W/g, "").padEnd(32, "0").slice(0, 32).replace(/[^0-9a-f]/g, "0");
  const spans = [...Array.from({ length: 10 }, (_, i) => span(traceId, i, Date.now() - 120_000, b)), span(traceId, 20, Date.now() - 120_000, unique("ghost"))];
  await call("POST", "/v1/traces", { resourceSpans: [{ resource: { attributes: [{ key: "service.name", value: { stringValue: a } }] }, scopeSpans: [{ spans }] }] });
  await call("POST", "/v1/metrics", { resourceMetrics: [] });
  const logs = await call("POST", "/v1/logs", { resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: { stringValue: "dropped" } }] }] }] });
  expect(logs).toEqual({ partialSuccess: { rejectedLogRecords: "1", errorMessage: expect.any(String) } });

  const decision = await call("POST", "/api/decisions", { title: "Responses decision", integrations: [key] });
  const number = decision.number as number;
  await call("PATCH", `/api/decisions/${number}`, { context: "Why the call is synchronous" });
  await call("POST", `/api/decisions/${number}/evidence`, { kind: "latency-snapshot", integration: key });
  await call("POST", `/api/decisions/${number}/evidence`, { kind: "simulation", journey, requests: 1000 });
  const channel = await call("POST", "/api/notifications/channels", { name: unique("rc"), kind: "webhook", url: "http://127.0.0.1:9/hook", team: team.slug });
  await call("PATCH", `/api/notifications/channels/${channel.id as string}`, { name: unique("rc") });
  const rule = await call("POST", "/api/notifications/rules", { name: unique("rr"), events: ["decision.review_requested"], channelId: channel.id });
  await call("PATCH", `/api/notifications/rules/${rule.id as string}`, { muted: false });
  await call("POST", `/api/decisions/${number}/transitions`, { to: "proposed" });
  await call("POST", `/api/decisions/${number}/reviews`, { verdict: "comment", comment: "Looks right" });
  await call("POST", `/api/journeys/${journey}/simulate`, { requests: 1000 });
  await call("POST", "/api/catalog/import", { files: [{ name: "team.yaml", content: `apiVersion: edgewise.dev/v1\nkind: Team\nmetadata:\n  name: ${team.slug}\nspec:\n  name: ${team.name}\n` }], dryRun: true });
  const madr = await callRoute(token, "GET", `/api/decisions/${number}.md`);
  await call("POST", "/api/decisions/import", { files: [{ name: `${String(number).padStart(4, "0")}-responses-decision.md`, content: madr.body }], dryRun: true });
  await call("POST", `/api/notifications/channels/${channel.id as string}/test`);
  // The review request's delivery, given up on as the worker would after its last attempt.
  const delivery = await db().notificationDelivery.update({ where: { id: (await db().notificationDelivery.findFirstOrThrow({ where: { channelId: channel.id as string } })).id }, data: { state: "dead" } });
  await call("POST", `/api/notifications/deliveries/${delivery.id}/replay`);
  await call("POST", "/api/notifications/dead-letters/replay", { channelId: channel.id });
  const policies = await call("GET", "/api/policies");
  const firstRule = (policies.items as { id: string; enabled: boolean }[])[0]!;
  await call("PATCH", `/api/policies/${firstRule.id}`, { enabled: firstRule.enabled });
  const waiver = await call("POST", "/api/waivers", { rule: firstRule.id, integration: key, reason: "Reviewed for the responses test", expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), decision: number });
  await call("PATCH", "/api/me/preferences", { timeZone: "browser" });
  const secondRule = (policies.items as { id: string }[])[1]!;
  await call("POST", "/api/waivers/bulk", { findings: [{ rule: secondRule.id, integration: key }, { rule: secondRule.id, integration: other.key }], reason: "Reviewed together for the responses test", expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), decision: number });
  await call("POST", "/api/annotations", { kind: "deploy", title: "Deploy 1.2", integrations: [key] });
  const user = await call("POST", "/api/users", { email: `${unique("ru")}@test.local`, name: "Responses user", role: "viewer", password: "responses-password-1" });
  await call("PATCH", `/api/users/${user.id as string}`, { name: "Responses user, renamed" });
  const spareToken = await call("POST", "/api/tokens", { name: unique("rtok"), scopes: ["catalog:read"], userEmail: admin.email });

  Object.assign(doomed, { integration: other.key as string, journey: spareJourney, service: d, team: spare, waiver: waiver.id as string, token: spareToken.id as string, rule: rule.id as string, channel: channel.id as string });
  const enc = encodeURIComponent(key);
  Object.assign(samples, {
    "/api/search": `/api/search?q=${encodeURIComponent(team.slug)}`,
    "/api/teams/{slug}": `/api/teams/${team.slug}`,
    "/api/services/{slug}": `/api/services/${a}`,
    "/api/integrations/{key}": `/api/integrations/${enc}`,
    "/api/integrations/{key}/history": `/api/integrations/${enc}/history`,
    "/api/integrations/{key}/latency": `/api/integrations/${enc}/latency`,
    "/api/integrations/{key}/exemplars": `/api/integrations/${enc}/exemplars`,
    "/api/integrations/{key}/heatmap": `/api/integrations/${enc}/heatmap`,
    "/api/integrations/{key}/slo": `/api/integrations/${enc}/slo`,
    "/api/journeys/{slug}": `/api/journeys/${journey}`,
    "/api/patterns/{name}": "/api/patterns/sync-request",
    "/api/decisions/{number}": `/api/decisions/${number}`,
    "/api/decisions/{number}/evidence": `/api/decisions/${number}/evidence`,
    "/api/notifications/channels/{id}": `/api/notifications/channels/${channel.id as string}`,
  });
}, 180_000);

/**
 * Handlers that do not go through route() and so carry no response schema for the compiler: the
 * probes and the document answer before any authentication, OTLP answers in its own encodings. Their
 * answers are still checked against the documented schema by the tests above.
 */
const NOT_THROUGH_ROUTE = ["GET /api/health", "GET /api/health/live", "GET /api/health/ready", "GET /api/openapi.json", "POST /v1/traces", "POST /v1/metrics", "POST /v1/logs"];

const key = (o: Operation) => `${o.method} ${o.path}`;
const gets = operations.filter((o) => o.method === "GET");

describe("real answers against the served OpenAPI document", () => {
  it("names a server and gives every JSON success a schema, except the listed operations", () => {
    expect(doc.servers).toEqual([{ url: expect.stringMatching(/^https?:\/\//), description: expect.any(String) }]);
    const json = (o: Operation) => !o.produces || o.produces.endsWith("json");
    const missing = operations.filter((o) => json(o) && !o.response && successStatus(o) !== "204").map(key);
    expect(missing.sort()).toEqual([...WITHOUT_RESPONSE_SCHEMA].sort());
  });

  it("every documented GET answers, with real data, what its schema says", async () => {
    for (const op of gets) {
      const concrete = samples[op.path] ?? op.path;
      const res = await callRoute(token, "GET", concrete);
      expect(res.status, `GET ${concrete}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
      failures.push(...check("GET", concrete, res));
    }
    // And each operation's other form, at its own documented path.
    for (const op of gets.filter((o) => o.alternate)) {
      const concrete = `${samples[op.path] ?? op.path}${op.alternate!.suffix}`;
      const res = await callRoute(token, "GET", concrete);
      expect(res.status, `GET ${concrete}`).toBe(200);
      expect(res.headers.get("content-type"), concrete).toMatch(new RegExp(`^${op.alternate!.produces}\\b`));
      failures.push(...check("GET", concrete, res));
    }
    noFailures();
    // Lists were not empty: the items' schema was applied, not only the envelope's.
    for (const path of ["/api/integrations", "/api/services", "/api/teams", "/api/journeys", "/api/decisions", "/api/waivers", "/api/users", "/api/tokens", "/api/notifications/channels", "/api/notifications/rules", "/api/notifications/deliveries", "/api/audit", "/api/annotations", "/api/telemetry/observed-edges"]) {
      expect(((await callRoute(token, "GET", path)).body as { items: unknown[] }).items.length, path).toBeGreaterThan(0);
    }
  });

  it("failures answer the documented error envelope: 401 without a valid token, 404 for an unknown resource", async () => {
    for (const op of gets.filter((o) => o.scope)) {
      const res = await callRoute(`ew_${"x".repeat(43)}`, "GET", samples[op.path] ?? op.path);
      expect(res.status, op.path).toBe(401);
      failures.push(...check("GET", samples[op.path] ?? op.path, res));
      if (!op.path.includes("{")) continue;
      const missing = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === "number" ? "999999" : name === "id" ? "00000000-0000-4000-8000-000000000000" : "no-such-thing"));
      const res404 = await callRoute(token, "GET", missing);
      expect(res404.status, missing).toBe(404);
      failures.push(...check("GET", missing, res404));
    }
    const invalid = await callRoute(token, "GET", "/api/integrations?limit=0");
    expect(invalid.status).toBe(422);
    failures.push(...check("GET", "/api/integrations?limit=0", invalid));
    noFailures();
  });

  it("deletes answer their documented status and body", async () => {
    await call("DELETE", `/api/waivers/${doomed.waiver}`);
    await call("DELETE", `/api/tokens/${doomed.token}`);
    await call("DELETE", `/api/notifications/rules/${doomed.rule}`);
    await call("DELETE", `/api/notifications/channels/${doomed.channel}`);
    await call("DELETE", `/api/journeys/${doomed.journey}`);
    await call("DELETE", `/api/integrations/${encodeURIComponent(doomed.integration)}`, undefined, { "if-match": "*" });
    await call("DELETE", `/api/services/${doomed.service}`);
    await call("DELETE", `/api/teams/${doomed.team}`);
    noFailures();
  });

  it("each documented response schema is the one its route handler is typed by, except the listed handlers", async () => {
    const unbound: string[] = [];
    for (const op of operations.filter((o) => o.response)) {
      const handler = (await routeModule(op.path))[op.method] as { spec?: { response?: unknown } } | undefined;
      if (handler?.spec?.response === undefined) unbound.push(key(op));
      else expect(handler.spec.response, `${key(op)}: the route's response schema is not the documented one`).toBe(op.response);
    }
    expect(unbound.sort()).toEqual([...NOT_THROUGH_ROUTE].sort());
  });

  it("called every operation that has a response schema, and each answer conformed", () => {
    const covered = operations.filter((o) => o.response).map(key);
    expect(covered.filter((k) => !conformed.has(k))).toEqual(NOT_EXERCISED.filter((k) => covered.includes(k)));
  });

  it("the check is not a rubber stamp: a renamed, an extra or a mistyped field fails it", () => {
    const res = (body: unknown): InProcessResult => ({ status: 200, body, headers: new Headers({ "content-type": "application/json" }) });
    const team = { slug: "t", name: "T", parent: null };
    expect(check("GET", "/api/teams", res({ items: [team], nextCursor: null }))).toEqual([]);
    const [renamed, extra, mistyped] = [{ name: "T", parent: null, teamSlug: "t" }, { ...team, surprise: 1 }, { ...team, slug: 7 }];
    for (const wrong of [renamed, extra, mistyped]) expect(check("GET", "/api/teams", res({ items: [wrong], nextCursor: null }))).toHaveLength(1);
    expect(check("GET", "/api/health", { ...res({ status: "ok", db: "ok" }), status: 418 })).toHaveLength(1);
  });
});
