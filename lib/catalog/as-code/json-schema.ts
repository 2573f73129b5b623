// The published JSON Schema of Edgewise YAML, generated from the same zod schemas import validates
// with, so editors (yaml-language-server) check files as they are typed. Written to
// public/schemas/edgewise-v1.schema.json by scripts/catalog-schema.ts; a test keeps the file current.
import { z } from "zod";
import { teamCreateSchema } from "@/lib/admin/team-schema";
import { integrationSchema } from "@/lib/catalog/integration-schema";
import { serviceSchema } from "@/lib/catalog/service-schema";
import { journeySchema } from "@/lib/catalog/journey-schema";
import { designFields, patternNames } from "@/lib/governance/patterns";
import { API_VERSION, KINDS, type Kind } from "./types";

export const SCHEMA_PATH = "public/schemas/edgewise-v1.schema.json";
export const SCHEMA_ID = "https://edgewise.dev/schemas/edgewise-v1.schema.json";

type JsonObject = Record<string, unknown> & { properties?: Record<string, unknown>; required?: string[] };

const specs: Record<Kind, { schema: z.ZodType; nameField: string }> = {
  Team: { schema: teamCreateSchema, nameField: "slug" },
  Service: { schema: serviceSchema, nameField: "slug" },
  Integration: { schema: integrationSchema, nameField: "key" },
  Journey: { schema: journeySchema, nameField: "slug" },
};

/** A kind's spec: its schema as input (defaults optional), without the field metadata.name carries. */
function specSchema(kind: Kind): { spec: JsonObject; name: unknown } {
  const { schema, nameField } = specs[kind];
  const { $schema: _s, ...json } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonObject;
  const properties = { ...json.properties };
  const name = properties[nameField];
  delete properties[nameField];
  const required = (json.required ?? []).filter((r) => r !== nameField);
  if (kind !== "Integration") return { spec: { ...json, properties, required, additionalProperties: false }, name };
  // A document naming a pattern may leave its design fields out: import fills them from the blueprint.
  properties.pattern = { description: "The pattern blueprint whose defaults fill the design fields left out", anyOf: [{ enum: patternNames }, { type: "null" }] };
  const isDesign = (r: string) => (designFields as readonly string[]).includes(r);
  const spec = { ...json, properties, required: required.filter((r) => !isDesign(r)), additionalProperties: false, if: { required: ["pattern"] }, else: { required: required.filter(isDesign) } };
  return { spec, name };
}

export function catalogJsonSchema(): Record<string, unknown> {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: SCHEMA_ID,
    title: "Edgewise catalog document",
    description: `One document of an Edgewise catalog (${API_VERSION}): a Team, Service, Integration or Journey. metadata.name is the slug, or the integration point's key.`,
    type: "object",
    required: ["apiVersion", "kind", "metadata"],
    additionalProperties: false,
    properties: {
      apiVersion: { const: API_VERSION },
      kind: { enum: [...KINDS] },
      metadata: {
        type: "object",
        required: ["name"],
        additionalProperties: false,
        properties: { name: { type: "string" }, annotations: { type: "object", additionalProperties: { type: "string" } } },
      },
      spec: { type: "object" },
    },
    allOf: KINDS.map((kind) => {
      const { spec, name } = specSchema(kind);
      return {
        if: { properties: { kind: { const: kind } }, required: ["kind"] },
        then: { properties: { metadata: { properties: { name } }, spec }, ...(spec.required?.length ? { required: ["spec"] } : {}) },
      };
    }),
  };
}

export const catalogJsonSchemaText = () => `${JSON.stringify(catalogJsonSchema(), null, 2)}\n`;
