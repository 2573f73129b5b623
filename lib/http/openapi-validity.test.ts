import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { operations } from "./api-operations";
import { openApiDocument } from "./openapi";

type Parameter = { name: string; in: string; required: boolean; schema: object };
type Op = { operationId: string; tags: string[]; security: unknown[]; parameters: Parameter[]; requestBody?: { content: Record<string, { schema?: object }> }; responses: Record<string, unknown> };

const doc = openApiDocument("http://localhost:3000");
const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op: op as Op })));

describe("the OpenAPI document, checked by a maintained validator", () => {
  it("is valid OpenAPI 3.1 (the official 3.1 schema, through @seriousme/openapi-schema-validator)", async () => {
    const result = await new Validator().validate(structuredClone(doc) as unknown as Record<string, unknown>);
    expect(result.errors ?? null).toBeNull();
    expect(result.valid).toBe(true);
  });

  it("the validator is not a rubber stamp: it rejects a broken copy", async () => {
    const broken = structuredClone(doc) as unknown as { paths: Record<string, Record<string, { responses?: unknown; parameters: { in: string }[] }>> };
    broken.paths["/api/services"]!.get!.parameters[0]!.in = "body";
    delete broken.paths["/api/teams"]!.get!.responses;
    expect((await new Validator().validate(broken as unknown as Record<string, unknown>)).valid).toBe(false);
  });

  it("every request and parameter schema is a valid JSON Schema 2020-12 (strict)", () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    const failures: string[] = [];
    for (const { path, method, op } of ops) {
      const schemas: [string, object | undefined][] = [...op.parameters.map((p) => [p.name, p.schema] as [string, object]), ["body", op.requestBody?.content["application/json"]?.schema]];
      for (const [name, schema] of schemas) {
        if (!schema) continue;
        try {
          ajv.compile(schema);
        } catch (err) {
          failures.push(`${method.toUpperCase()} ${path} ${name}: ${String(err)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("every response schema is a valid JSON Schema 2020-12 (strict), its references resolved in components", () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: "https://edgewise.test/components", $defs: doc.components.schemas });
    const failures: string[] = [];
    let compiled = 0;
    let tried = 0;
    for (const { path, method, op } of ops) {
      for (const [status, response] of Object.entries(op.responses as Record<string, { content?: Record<string, { schema?: object }> }>)) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          if (!media.schema) continue;
          try {
            const resolved = JSON.parse(JSON.stringify(media.schema).replaceAll('"#/components/schemas/', '"https://edgewise.test/components#/$defs/')) as object;
            ajv.compile({ $id: `https://edgewise.test/${++tried}`, ...resolved });
            compiled++;
          } catch (err) {
            failures.push(`${method.toUpperCase()} ${path} ${status} ${type}: ${String(err)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(compiled).toBeGreaterThan(ops.length);
  });

  it("declares every path template's parameter, and no others, as required path parameters", () => {
    for (const { path, op } of ops) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = op.parameters.filter((p) => p.in === "path");
      expect(declared.map((p) => p.name), path).toEqual(templated);
      expect(declared.every((p) => p.required)).toBe(true);
    }
  });

  it("gives each operation a tag the document describes, an id, a success response, and the scope it needs", () => {
    const tags = new Set(doc.tags.map((t) => t.name));
    for (const { path, method, op } of ops) {
      // A resource's other form (`/api/decisions/{number}.md`) is guarded as the resource is.
      const source = operations.find((o) => (o.path === path || (o.alternate && `${o.path}${o.alternate.suffix}` === path)) && o.method.toLowerCase() === method)!;
      expect(op.tags.every((t) => tags.has(t)), `${method} ${path}`).toBe(true);
      expect(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)), `${method} ${path}`).toBe(true);
      expect(op.security).toEqual(source.scope ? [{ bearer: [source.scope] }, { session: [] }] : []);
    }
    expect(doc.tags.every((t) => "description" in t)).toBe(true);
  });

  it("answers the statuses the routes answer", () => {
    const status = (method: string, path: string) => Object.keys(ops.find((o) => o.method === method && o.path === path)!.op.responses).filter((s) => /^2/.test(s));
    expect(status("post", "/api/services")).toEqual(["201"]);
    expect(status("post", "/v1/traces")).toEqual(["200"]);
    expect(status("delete", "/api/services/{slug}")).toEqual(["204"]);
    expect(status("delete", "/api/integrations/{key}")).toEqual(["200"]);
    expect(Object.keys(ops.find((o) => o.path === "/v1/traces")!.op.requestBody!.content)).toEqual(["application/json", "application/x-protobuf"]);
  });
});
