import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { operations } from "./api-operations";
import { errorStatuses, openApiDocument } from "./openapi";

/** Every (method, path) the route files under app/api, app/v1 and app/metrics actually export. */
function routesOnDisk(): string[] {
  const found: string[] = [];
  const walk = (dir: string, root: string, prefix: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, root, prefix);
      else if (entry.name === "route.ts") {
        const source = fs.readFileSync(full, "utf8");
        const apiPath = `${prefix}/${path.relative(root, dir)}`.replace(/\[(\w+)\]/g, "{$1}").replace(/\/$/, "");
        if (apiPath.startsWith("/api/auth/")) continue; // next-auth's own endpoints
        for (const method of ["GET", "POST", "PATCH", "PUT", "DELETE"]) {
          if (new RegExp(`export (const|async function|function) ${method}\\b`).test(source)) found.push(`${method} ${apiPath}`);
        }
      }
    }
  };
  walk(path.resolve("app/api"), path.resolve("app/api"), "/api");
  walk(path.resolve("app/v1"), path.resolve("app/v1"), "/v1");
  walk(path.resolve("app/metrics"), path.resolve("app/metrics"), "/metrics");
  return found.sort();
}

describe("OpenAPI document", () => {
  it("lists exactly the routes that exist", () => {
    expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(routesOnDisk());
  });
  it("is OpenAPI 3.1 with request schemas generated from the zod schemas", () => {
    const doc = openApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    const post = doc.paths["/api/integrations"]!.post as { requestBody: { content: { "application/json": { schema: { properties: Record<string, unknown>; required: string[] } } } } };
    const schema = post.requestBody.content["application/json"].schema;
    expect(schema.required).toEqual(expect.arrayContaining(["sourceService", "targetService", "operation", "style", "protocol", "budget"]));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["resilience", "delivery", "contract", "telemetry", "migration"]));
    const list = doc.paths["/api/integrations"]!.get as { parameters: { name: string }[] };
    expect(list.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(["team", "style", "q", "sort", "cursor"]));
    const unique = new Set(Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => (o as { operationId: string }).operationId)));
    expect(unique.size).toBe(operations.length + operations.filter((o) => o.alternate).length);
  });
  it("names the server it is given, and the relative root without one", () => {
    expect(openApiDocument("https://edgewise.example.com").servers).toEqual([{ url: "https://edgewise.example.com", description: "This Edgewise" }]);
    expect(openApiDocument().servers.map((s) => s.url)).toEqual(["/"]);
  });
  it.each([
    ["GET", "/api/integrations", ["400", "401", "403", "422", "503"]],
    ["PATCH", "/api/integrations/{key}", ["400", "401", "403", "404", "409", "413", "415", "422", "503"]],
    ["DELETE", "/api/services/{slug}", ["401", "403", "404", "409", "503"]],
    ["POST", "/v1/traces", ["400", "401", "403", "413", "415", "429", "503"]],
    ["GET", "/api/health", ["503"]],
    ["GET", "/api/health/live", []],
    ["GET", "/api/patterns/{name}", ["401", "403", "404"]],
  ])("%s %s answers errors %j", (method, path, statuses) => {
    const op = operations.find((o) => o.method === method && o.path === path)!;
    expect(errorStatuses(op)).toEqual(statuses);
    const described = (openApiDocument().paths[path] as Record<string, { responses: Record<string, unknown> }>)[method.toLowerCase()]!.responses;
    expect(Object.keys(described).filter((s) => /^[45]/.test(s))).toEqual(statuses);
  });
  it("describes success bodies from the response schemas, with named shapes as components", () => {
    const doc = openApiDocument();
    const list = doc.paths["/api/integrations"]!.get as { responses: Record<string, { content: Record<string, { schema: { properties: { items: { items: unknown } }; required: string[] } }> }> };
    const schema = list.responses["200"]!.content["application/json"]!.schema;
    expect(schema.required).toEqual(["items", "nextCursor", "total"]);
    expect(schema.properties.items.items).toEqual({ $ref: "#/components/schemas/Integration" });
    const integration = doc.components.schemas.Integration as { required: string[]; additionalProperties: boolean };
    expect(integration.required).toEqual(expect.arrayContaining(["key", "style", "budget", "delivery", "ownerTeam", "status"]));
    expect(integration.additionalProperties).toBe(false);
    const notFound = (doc.paths["/api/integrations/{key}"]!.get as { responses: Record<string, { content: Record<string, { schema: unknown }> }> }).responses["404"]!;
    expect(notFound.content["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/Error" });
  });
  it("documents files to save with their Content-Disposition, and a record's Markdown form as a path of its own", () => {
    type Described = { operationId: string; parameters: Array<{ name: string }>; responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, unknown> }> };
    const doc = openApiDocument();
    const get = (path: string) => (doc.paths[path] as Record<string, Described> | undefined)?.get;
    const md = get("/api/decisions/{number}.md")!;
    expect(Object.keys(md.responses["200"]!.content!)).toEqual(["text/markdown"]);
    expect(md.responses["200"]!.headers).toHaveProperty("Content-Disposition");
    expect(md.parameters.map((p) => p.name)).toEqual(["number"]);
    expect(Object.keys(md.responses)).toEqual(expect.arrayContaining(["401", "403", "404"]));
    expect(md.operationId).not.toBe(get("/api/decisions/{number}")!.operationId);
    // The JSON form stays what it was: no file, a schema.
    expect(get("/api/decisions/{number}")!.responses["200"]!.headers).toBeUndefined();
    // Every download says what it saves as; no JSON answer claims to be a file.
    for (const op of operations.filter((o) => o.method === "GET")) {
      const saved = get(op.path)!.responses["200"]!.headers !== undefined;
      const file = op.produces !== undefined && !op.produces.endsWith("json") && op.produces !== "text/plain";
      expect(saved, `${op.path} (${op.produces ?? "json"})`).toBe(file && op.path.includes("export"));
    }
  });
});
