// Field-by-field differences between two declarations, and JSON merge patch (RFC 7396) for PATCH.
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface FieldChange {
  path: string;
  before: Json | undefined;
  after: Json | undefined;
}

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Leaves of a JSON value by dotted path; arrays are compared whole (tags read better that way). */
function flatten(value: unknown, prefix: string, out: Map<string, Json>) {
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 && prefix) out.set(prefix, {});
    for (const k of keys) flatten(value[k], prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out.set(prefix, (value ?? null) as Json);
  }
}

export function diffFields(before: unknown, after: unknown): FieldChange[] {
  const a = new Map<string, Json>();
  const b = new Map<string, Json>();
  flatten(before ?? {}, "", a);
  flatten(after ?? {}, "", b);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const changes: FieldChange[] = [];
  for (const path of paths) {
    const x = a.get(path);
    const y = b.get(path);
    if (JSON.stringify(x ?? null) !== JSON.stringify(y ?? null)) changes.push({ path, before: x, after: y });
  }
  return changes;
}

/** RFC 7396: objects merge recursively, `null` removes (here: sets the optional part to null), anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    result[k] = v === null ? null : mergePatch(result[k], v);
  }
  return result;
}
