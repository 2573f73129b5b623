// The OpenAPI 3.1 document, generated from the operation list and its zod schemas.
import { z } from "zod";
import { operations, type Operation } from "./api-operations";
import { errorBodySchema } from "./responses/common";

/** OTLP/HTTP's error body (google.rpc.Status), here in its JSON form; protobuf requests get the protobuf message. */
const statusSchema = {
  type: "object",
  required: ["code", "message", "details"],
  properties: {
    code: { type: "integer", description: "google.rpc.Code: 3 INVALID_ARGUMENT for bad data, 16 UNAUTHENTICATED, 7 PERMISSION_DENIED, 8 RESOURCE_EXHAUSTED, 14 UNAVAILABLE" },
    message: { type: "string" },
    details: { type: "array", description: "google.protobuf.Any values; a 400 carries a google.rpc.BadRequest naming the field", items: { type: "object", properties: { "@type": { type: "string" } } } },
  },
};

/** The body of a failure: the API's error shape, or OTLP's Status in the request's encoding. */
function errorContent(op: Operation) {
  if (!op.path.startsWith("/v1/")) return { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };
  return { "application/json": { schema: { $ref: "#/components/schemas/Status" } }, "application/x-protobuf": {} };
}

const isIngest = (op: Operation) => op.path.startsWith("/v1/") || op.path === "/api/v1/write";
/** Routes that answer without the database (so never 503 for it). */
const databaseFree = new Set(["/api/health/live", "/api/openapi.json", "/api/catalog/schema", "/api/patterns", "/api/patterns/{name}"]);

const errorMeaning: Record<string, string> = {
  "400": "Malformed request (not JSON, a bad cursor, undecodable OTLP)",
  "401": "No valid session or bearer token",
  "403": "The token lacks the scope, or the caller's role or team may not do this",
  "404": "No such resource",
  "409": "Conflicts with the current state: already exists, a stale If-Match, still referred to, or a transition not allowed now",
  "413": "The body is too large",
  "415": "The body's media type is not accepted",
  "422": "The input fails validation; details lists each issue",
  "429": "Over the token's rate limit; Retry-After says when to try again",
  "503": "The database is unavailable; Retry-After says when to try again",
};

/** The failures an operation can answer, from what it takes: authentication, path parameters, a body, a query, a write. */
export function errorStatuses(op: Operation): string[] {
  const out = new Set<string>();
  if (op.scope) ["401", "403"].forEach((s) => out.add(s));
  if (op.path.includes("{")) out.add("404");
  // OTLP and remote write answer bad data with 400 (422 is route()'s answer to a body that fails its schema).
  if (op.body) ["400", "413", "415", ...(isIngest(op) ? [] : ["422"])].forEach((s) => out.add(s));
  if (op.query) ["400", "422"].forEach((s) => out.add(s));
  if (op.method !== "GET" && !isIngest(op) && !op.path.endsWith("/simulate")) out.add("409");
  if (isIngest(op)) out.add("429");
  if (!databaseFree.has(op.path)) out.add("503");
  return [...out].sort();
}

/** Date-time and date formats say it; zod's long equivalent regex would only bloat every timestamp. */
function dropFormatPatterns(ctx: { jsonSchema: Record<string, unknown> }) {
  if (ctx.jsonSchema.format === "date-time" || ctx.jsonSchema.format === "date") delete ctx.jsonSchema.pattern;
}

/**
 * A response schema as JSON Schema; the named schemas inside it (`.meta({id})`) go to components and
 * are referred to there, so a generated client gets one type per shape (components["schemas"]["Integration"]).
 */
function responseSchema(schema: z.ZodType, components: Record<string, unknown>): unknown {
  const toComponents = (v: unknown) => JSON.parse(JSON.stringify(v).replaceAll('"#/$defs/', '"#/components/schemas/')) as unknown;
  const { $schema: _s, $defs, id, ...rest } = z.toJSONSchema(schema, { io: "output", unrepresentable: "any", override: dropFormatPatterns }) as Record<string, unknown> & { $defs?: Record<string, unknown>; id?: string };
  for (const [name, def] of Object.entries($defs ?? {})) components[name] = toComponents(def);
  if (typeof id !== "string") return toComponents(rest);
  components[id] = toComponents(rest);
  return { $ref: `#/components/schemas/${id}` };
}

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  // `unrepresentable: "any"` keeps transforms and refinements from failing the whole document.
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}

function parameters(op: Operation) {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
  const query = op.query ? (jsonSchema(op.query, "input") as { properties?: Record<string, unknown>; required?: string[] }) : null;
  const queryParams = Object.entries(query?.properties ?? {}).map(([name, schema]) => ({ name, in: "query", required: query?.required?.includes(name) ?? false, schema }));
  return [...pathParams, ...queryParams];
}

/**
 * What the route answers on success. route() answers 201 to a POST and 204 when the handler returns
 * nothing; imports answer their plan, OTLP its partial-success body and the (read-only) journey
 * simulation its answer with 200, and the DELETEs that
 * return what they retired or revoked answer 200 too.
 */
export function successStatus(op: Operation): string {
  if (op.status) return String(op.status);
  if (op.method === "POST") return op.path.startsWith("/v1/") || op.path.endsWith("/import") || op.path.endsWith("/simulate") ? "200" : "201";
  if (op.method === "DELETE") return /^\/api\/(tokens|waivers|integrations)\//.test(op.path) ? "200" : "204";
  return "200";
}

/** Bodies a route takes besides JSON: OTLP exporters send protobuf, the catalog import raw YAML. */
function requestMediaTypes(op: Operation): string[] {
  if (op.path.startsWith("/v1/")) return ["application/json", "application/x-protobuf"];
  if (op.path === "/api/v1/write") return ["application/x-protobuf"];
  if (op.path === "/api/catalog/import") return ["application/json", "application/yaml"];
  return ["application/json"];
}

const tagDescriptions: Record<string, string> = {
  System: "Health and this description",
  Teams: "Teams own services and, through them, integration points",
  Services: "The nodes of the integration graph",
  Integrations: "Integration points: declared contracts between two services",
  Telemetry: "Observed latency, SLOs, annotations, and OTLP ingestion",
  "Catalog as code": "The catalog as YAML: import with a dry run, export as Edgewise, Backstage or OpenSLO documents",
  Journeys: "Critical user journeys and their end-to-end latency budgets",
  Governance: "Policy rules, findings, waivers and scorecards",
  Decisions: "Decision records (MADR) and their review workflow",
  Administration: "Users, API tokens and the audit log",
  Account: "The caller's own preferences",
  Notifications: "Channels, alert rules, the delivery log and dead letters",
  Search: "Find anything by key or name: the command palette's search",
};

/** The document; `serverUrl` is where the API is served (NEXTAUTH_URL, else the request's origin). */
export function openApiDocument(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, unknown> = { Status: statusSchema };
  const error = responseSchema(errorBodySchema, schemas);
  const add = (op: Operation, path: string, form: { produces?: string; summary: string; attachment?: string; response?: Operation["response"]; id: string }) => {
    const status = successStatus(op);
    const body = form.response ? { schema: responseSchema(form.response, schemas) } : {};
    const headers = form.attachment ? { headers: { "Content-Disposition": { description: `A file to save: ${form.attachment}`, schema: { type: "string" } } } } : {};
    const responses: Record<string, unknown> = {
      [status]: status === "204" ? { description: "Done; no content" } : { description: "Success", ...headers, content: { [form.produces ?? "application/json"]: body } },
    };
    for (const code of errorStatuses(op)) {
      // Health and readiness answer their own shape when the database is down.
      const own = code === "503" && (op.path === "/api/health" || op.path === "/api/health/ready");
      responses[code] = { description: own ? "Not ready: the body names the failed check" : errorMeaning[code], content: own ? { "application/json": body } : errorContent(op) };
    }
    responses.default = { description: "Unexpected error", content: errorContent(op) };
    paths[path] ??= {};
    paths[path]![op.method.toLowerCase()] = {
      summary: form.summary,
      tags: [op.tag],
      operationId: form.id,
      security: op.scope ? [{ bearer: [op.scope] }, { session: [] }] : [],
      parameters: parameters(op),
      ...(op.body ? { requestBody: { required: true, content: Object.fromEntries(requestMediaTypes(op).map((type) => [type, type === "application/json" ? { schema: jsonSchema(op.body!, "input") } : {}])) } } : {}),
      responses,
    };
  };
  for (const op of operations) {
    const id = `${op.method.toLowerCase()}${op.path.replace(/[{}]/g, "").replace(/[^a-zA-Z0-9]+(\w)/g, (_m, c: string) => c.toUpperCase())}`;
    add(op, op.path, { produces: op.produces, summary: op.summary, attachment: op.attachment, response: op.response, id });
    const alt = op.alternate;
    if (alt) add(op, `${op.path}${alt.suffix}`, { produces: alt.produces, summary: alt.summary, attachment: alt.attachment, id: `${id}${alt.suffix.replace(/\W/g, "").replace(/^\w/, (c) => c.toUpperCase())}` });
  }
  if ((error as { $ref?: string }).$ref !== "#/components/schemas/Error") throw new Error("errorBodySchema must be named Error");
  return {
    openapi: "3.1.0",
    info: {
      title: "Edgewise API",
      version: "1",
      description:
        "Architecture governance for the integration points between services. Scripts send `Authorization: Bearer <token>` with a token whose scope the operation names; the browser's session cookie works too. Errors are {error: {code, message, details?}}; the OTLP/HTTP routes (/v1/…) answer a google.rpc.Status instead, as OTLP requires.",
    },
    servers: [{ url: serverUrl ?? "/", description: serverUrl ? "This Edgewise" : "The server this document was read from" }],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name, ...(tagDescriptions[name] ? { description: tagDescriptions[name] } : {}) })),
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API token (Settings → API tokens, or `npm run edgewise -- token create`)" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
      schemas,
    },
    paths,
  };
}
