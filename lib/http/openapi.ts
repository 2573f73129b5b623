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

export function openApiDocument(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const responses: Record<string, unknown> = {
      [op.method === "POST" && !op.path.endsWith("/import") ? "201" : op.method === "DELETE" && !op.path.includes("tokens") && !op.path.includes("waivers") && !op.path.includes("integrations") ? "204" : "200"]: {
        description: "Success",
        content: op.produces ? { [op.produces]: {} } : { "application/json": {} },
      },
      default: { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
    };
    paths[op.path] ??= {};
    paths[op.path]![op.method.toLowerCase()] = {
      summary: op.summary,
      tags: [op.tag],
      operationId: `${op.method.toLowerCase()}${op.path.replace(/[{}]/g, "").replace(/[^a-zA-Z0-9]+(\w)/g, (_m, c: string) => c.toUpperCase())}`,
      security: op.scope ? [{ bearer: [op.scope] }, { session: [] }] : [],
      parameters: parameters(op),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body, "input") } } } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Edgewise API",
      version: "1",
      description: "Architecture governance for the integration points between services. Errors are {error: {code, message, details?}}.",
    },
    servers: serverUrl ? [{ url: serverUrl }] : [],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API token (Settings → API tokens, or `npm run edgewise -- token create`)" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}
