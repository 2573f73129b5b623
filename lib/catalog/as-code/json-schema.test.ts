// The published JSON Schema: current with the zod schemas, and it accepts and rejects what import does.
import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { catalogJsonSchema, catalogJsonSchemaText, SCHEMA_PATH } from "./json-schema";
import { parseYamlFiles } from "./parse";

const fixture = (name: string) => fs.readFileSync(path.resolve("scripts/fixtures/catalog", name), "utf8");

describe("the Edgewise JSON Schema", () => {
  it("is the file in public/schemas (run scripts/catalog-schema.ts when this fails)", () => {
    expect(fs.readFileSync(path.resolve(SCHEMA_PATH), "utf8")).toBe(catalogJsonSchemaText());
  });

  it("accepts valid documents and rejects wrong types, unknown fields and a missing spec field", () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(catalogJsonSchema());
    const { sources } = parseYamlFiles([
      { name: "teams.yaml", content: fixture("good/teams.yaml") },
      { name: "shop.yaml", content: fixture("good/services/shop.yaml") },
    ]);
    expect(sources).toHaveLength(5);
    for (const s of sources) expect(validate(s.value), JSON.stringify(validate.errors)).toBe(true);

    const integration = sources.find((s) => (s.value as { kind: string }).kind === "Integration")!.value as { spec: Record<string, unknown> };
    const wrongType = { ...integration, spec: { ...integration.spec, budget: { p99Ms: "fast" } } };
    expect(validate(wrongType)).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === "/spec/budget/p99Ms")).toBe(true);
    expect(validate({ ...integration, spec: { ...integration.spec, budjet: {} } })).toBe(false);
    const { style: _s, ...noStyle } = integration.spec;
    expect(validate({ ...integration, spec: noStyle })).toBe(false);
    expect(validate({ ...integration, kind: "Widget" })).toBe(false);
    // Naming a pattern lets the design fields go (import fills them); the name must be a known one.
    const { sourceService, targetService, operation } = integration.spec;
    expect(validate({ ...integration, spec: { sourceService, targetService, operation, pattern: "saga" } }), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...integration, spec: { sourceService, targetService, operation, pattern: "two-phase-commit" } })).toBe(false);
    expect(validate({ ...integration, spec: { sourceService, targetService, operation } })).toBe(false);
  });
});
