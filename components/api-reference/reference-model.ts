// The API reference as the page shows it (pure): the OpenAPI document's operations grouped by tag,
// with the scope each needs and its query parameters and request-body fields flattened from the
// zod-generated JSON Schemas into readable rows (`budget.p99Ms`, `options[].title`).

export interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  /** The schema's description, its default and its bounds, as one line. */
  notes: string;
}

export interface OperationView {
  id: string;
  method: string;
  path: string;
  /** The token scope needed; null for public operations. */
  scope: string | null;
  summary: string;
  query: FieldRow[];
  body: FieldRow[];
  /** Media types the body may be sent as (JSON first). */
  bodyTypes: string[];
  /** Media type of the answer. */
  produces: string;
}

export interface TagGroup {
  tag: string;
  description: string | null;
  operations: OperationView[];
}

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  format?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
};

interface DocumentLike {
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, unknown>>;
}

type RawOperation = {
  operationId: string;
  summary: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: { name: string; in: string; required: boolean; schema: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
};

const MAX_DEPTH = 3;

/** `null` branches of a nullable field, split off so the row reads "object | null", not a union of shapes. */
function variants(s: Schema): { real: Schema[]; nullable: boolean } {
  const all = s.anyOf ?? s.oneOf ?? [s];
  const real = all.filter((v) => v.type !== "null");
  return { real, nullable: real.length < all.length || (Array.isArray(s.type) && s.type.includes("null")) };
}

export function typeOf(s: Schema): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => String(v)).join(" | ");
  const { real, nullable } = variants(s);
  let text: string;
  if (real.length !== 1 || real[0] !== s) text = [...new Set(real.map(typeOf))].join(" | ") || "any";
  else {
    const type = Array.isArray(s.type) ? s.type.filter((t) => t !== "null").join(" | ") : s.type;
    if (type === "array") text = `array of ${s.items ? typeOf(s.items) : "any"}`;
    else if (type === "object" && !s.properties && s.additionalProperties && typeof s.additionalProperties === "object") text = `map of ${typeOf(s.additionalProperties)}`;
    else text = type ? `${type}${s.format ? ` (${s.format})` : ""}` : "any";
  }
  return nullable ? `${text} | null` : text;
}

function notesOf(field: Schema): string {
  const parts: string[] = [];
  // A nullable field keeps its bounds on the non-null branch.
  const { real } = variants(field);
  const s: Schema = real.length === 1 ? { ...real[0], ...field } : field;
  if (s.description) parts.push(s.description);
  if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`);
  const low = s.minimum ?? s.exclusiveMinimum;
  const high = s.maximum ?? s.exclusiveMaximum;
  if (low !== undefined && high !== undefined) parts.push(`${s.exclusiveMinimum !== undefined ? ">" : ""}${low} to ${s.exclusiveMaximum !== undefined ? "<" : ""}${high}`);
  else if (low !== undefined) parts.push(`${s.exclusiveMinimum !== undefined ? ">" : "≥"} ${low}`);
  else if (high !== undefined) parts.push(`${s.exclusiveMaximum !== undefined ? "<" : "≤"} ${high}`);
  if (s.maxLength !== undefined) parts.push(`up to ${s.maxLength} characters`);
  if (s.maxItems !== undefined) parts.push(`up to ${s.maxItems} items`);
  return parts.join("; ");
}

/** The one object shape under a field (through nullability and arrays), if it has named properties. */
function objectShape(s: Schema): { shape: Schema; array: boolean } | null {
  const { real } = variants(s);
  if (real.length !== 1) return null;
  const only = real[0]!;
  if (only.properties) return { shape: only, array: false };
  if (only.type === "array" && only.items) {
    const inner = objectShape(only.items);
    return inner && !inner.array ? { shape: inner.shape, array: true } : null;
  }
  return null;
}

export function fieldRows(schema: Schema | undefined, prefix = "", parentRequired = true, depth = 0): FieldRow[] {
  if (!schema) return [];
  const object = objectShape(schema);
  if (!object) return prefix ? [] : [{ name: "(body)", type: typeOf(schema), required: true, notes: notesOf(schema) }];
  const rows: FieldRow[] = [];
  for (const [key, field] of Object.entries(object.shape.properties ?? {})) {
    const name = `${prefix}${key}`;
    const required = parentRequired && (object.shape.required ?? []).includes(key);
    rows.push({ name, type: typeOf(field), required, notes: notesOf(field) });
    const inner = objectShape(field);
    if (inner && depth + 1 < MAX_DEPTH) rows.push(...fieldRows(field, `${name}${inner.array ? "[]" : ""}.`, required, depth + 1));
  }
  return rows;
}

export function apiReference(doc: DocumentLike): TagGroup[] {
  const groups = new Map<string, TagGroup>((doc.tags ?? []).map((t) => [t.name, { tag: t.name, description: t.description ?? null, operations: [] }]));
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as RawOperation;
      const content = op.requestBody?.content ?? {};
      const success = Object.entries(op.responses).find(([status]) => /^2/.test(status))?.[1];
      const view: OperationView = {
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        scope: op.security.flatMap((s) => s.bearer ?? [])[0] ?? null,
        summary: op.summary,
        query: (op.parameters ?? []).filter((p) => p.in === "query").map((p) => ({ name: p.name, type: typeOf(p.schema), required: p.required, notes: notesOf(p.schema) })),
        body: fieldRows(content["application/json"]?.schema),
        bodyTypes: Object.keys(content),
        produces: Object.keys(success?.content ?? {})[0] ?? "no content",
      };
      const tag = op.tags[0] ?? "Other";
      if (!groups.has(tag)) groups.set(tag, { tag, description: null, operations: [] });
      groups.get(tag)!.operations.push(view);
    }
  }
  return [...groups.values()].filter((g) => g.operations.length > 0);
}
