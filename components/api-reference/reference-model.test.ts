import { describe, expect, it } from "vitest";
import { operations } from "@/lib/http/api-operations";
import { openApiDocument } from "@/lib/http/openapi";
import { apiReference, fieldRows, typeOf } from "./reference-model";

describe("typeOf", () => {
  it.each([
    [{ type: "string" }, "string"],
    [{ type: "string", format: "date" }, "string (date)"],
    [{ enum: ["sync", "async-event"] }, "sync | async-event"],
    [{ anyOf: [{ type: "number" }, { type: "null" }] }, "number | null"],
    [{ type: ["integer", "null"] }, "integer | null"],
    [{ type: "array", items: { type: "string" } }, "array of string"],
    [{ type: "object", additionalProperties: { type: "number" } }, "map of number"],
    [{ const: "x" }, '"x"'],
    [{}, "any"],
  ])("%j reads as %s", (schema, text) => {
    expect(typeOf(schema)).toBe(text);
  });
});

describe("fieldRows", () => {
  it("flattens nested and nullable objects and arrays of objects, carrying requiredness from the parent", () => {
    const rows = fieldRows({
      type: "object",
      required: ["budget", "name"],
      properties: {
        name: { type: "string", maxLength: 100, description: "Shown in lists" },
        budget: { type: "object", required: ["p99Ms"], properties: { p99Ms: { type: "number", exclusiveMinimum: 0, maximum: 86400000 } } },
        retries: { anyOf: [{ type: "object", required: ["maxAttempts"], properties: { maxAttempts: { type: "integer", minimum: 1, maximum: 10, default: 3 } } }, { type: "null" }] },
        links: { type: "array", maxItems: 20, items: { type: "object", required: ["url"], properties: { url: { type: "string", format: "uri" } } } },
      },
    });
    expect(rows).toEqual([
      { name: "name", type: "string", required: true, notes: "Shown in lists; up to 100 characters" },
      { name: "budget", type: "object", required: true, notes: "" },
      { name: "budget.p99Ms", type: "number", required: true, notes: ">0 to 86400000" },
      { name: "retries", type: "object | null", required: false, notes: "" },
      // Required inside an optional parent is not required of the request.
      { name: "retries.maxAttempts", type: "integer", required: false, notes: "default 3; 1 to 10" },
      { name: "links", type: "array of object", required: false, notes: "up to 20 items" },
      { name: "links[].url", type: "string (uri)", required: false, notes: "" },
    ]);
  });

  it("describes a body without named fields as one row", () => {
    expect(fieldRows({ type: "object", additionalProperties: {}, description: "JSON merge patch" })).toEqual([{ name: "(body)", type: "map of any", required: true, notes: "JSON merge patch" }]);
  });
});

describe("apiReference over the real document", () => {
  const groups = apiReference(openApiDocument());
  const all = groups.flatMap((g) => g.operations);

  it("lists every operation once, grouped by tag in the document's tag order", () => {
    // A resource's other form (`/api/decisions/{number}.md`) is listed as an operation of its own.
    const source = (o: { path: string; method: string }) => operations.find((op) => (op.path === o.path || (op.alternate && `${op.path}${op.alternate.suffix}` === o.path)) && op.method === o.method)!;
    expect(all).toHaveLength(operations.length + operations.filter((o) => o.alternate).length);
    expect(all.some((o) => o.path === "/api/decisions/{number}.md")).toBe(true);
    expect(groups.map((g) => g.tag)).toEqual([...new Set(operations.map((o) => o.tag))]);
    for (const g of groups) expect(g.operations.every((o) => source(o).tag === g.tag)).toBe(true);
  });

  it("shows each operation's scope, query parameters and body fields", () => {
    const create = all.find((o) => o.method === "POST" && o.path === "/api/integrations")!;
    expect(create.scope).toBe("catalog:write");
    expect(create.body.find((r) => r.name === "budget.p99Ms")).toMatchObject({ type: "number", required: true });
    expect(create.body.find((r) => r.name === "style")!.type).toBe("sync | async-event | async-command | async-queue | stream | hybrid");
    const list = all.find((o) => o.method === "GET" && o.path === "/api/integrations")!;
    expect(list.query.map((q) => q.name)).toEqual(expect.arrayContaining(["team", "style", "q", "cursor", "limit"]));
    expect(list.query.find((q) => q.name === "limit")!.notes).toMatch(/default 50/);
    expect(all.find((o) => o.path === "/api/health")!.scope).toBeNull();
    expect(all.find((o) => o.path === "/v1/traces")!.bodyTypes).toEqual(["application/json", "application/x-protobuf"]);
  });
});
