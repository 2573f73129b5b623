// The OpenAPI 3.1 document, generated from the operation list and its zod schemas.
import { z } from "zod";
import { operations, type Operation } from "./api-operations";

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" }, details: {} },
    },
  },
};

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

/** What an operation answers when it fails: the API's error shape, or OTLP's Status in the request's encoding. */
function errorResponse(op: Operation) {
  if (!op.path.startsWith("/v1/")) return { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  return { description: "Error: google.rpc.Status, as protobuf for protobuf requests", content: { "application/json": { schema: { $ref: "#/components/schemas/Status" } }, "application/x-protobuf": {} } };
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
function successStatus(op: Operation): "200" | "201" | "204" {
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
};

export function openApiDocument(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const status = successStatus(op);
    const responses: Record<string, unknown> = {
      [status]: status === "204" ? { description: "Done; no content" } : { description: "Success", content: { [op.produces ?? "application/json"]: {} } },
      default: errorResponse(op),
    };
    paths[op.path] ??= {};
    paths[op.path]![op.method.toLowerCase()] = {
      summary: op.summary,
      tags: [op.tag],
      operationId: `${op.method.toLowerCase()}${op.path.replace(/[{}]/g, "").replace(/[^a-zA-Z0-9]+(\w)/g, (_m, c: string) => c.toUpperCase())}`,
      security: op.scope ? [{ bearer: [op.scope] }, { session: [] }] : [],
      parameters: parameters(op),
      ...(op.body ? { requestBody: { required: true, content: Object.fromEntries(requestMediaTypes(op).map((type) => [type, type === "application/json" ? { schema: jsonSchema(op.body!, "input") } : {}])) } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Edgewise API",
      version: "1",
      description:
        "Architecture governance for the integration points between services. Scripts send `Authorization: Bearer <token>` with a token whose scope the operation names; the browser's session cookie works too. Errors are {error: {code, message, details?}}; the OTLP/HTTP routes (/v1/…) answer a google.rpc.Status instead, as OTLP requires.",
    },
    servers: serverUrl ? [{ url: serverUrl }] : [],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name, ...(tagDescriptions[name] ? { description: tagDescriptions[name] } : {}) })),
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API token (Settings → API tokens, or `npm run edgewise -- token create`)" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
      schemas: { Error: errorSchema, Status: statusSchema },
    },
    paths,
  };
}
