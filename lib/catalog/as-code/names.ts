// Names and loose readers the foreign-format translators share (pure): turning Edgewise keys into the
// DNS-label names Backstage and OpenSLO require, and reading untyped YAML without trusting its shape.

/** FNV-1a, 32 bits, as 7 base-36 characters: a stable suffix that keeps truncated names distinct. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, "0");
}

/**
 * An RFC 1123 label (lowercase alphanumerics and `-`, starting and ending alphanumeric, ≤ `max`
 * characters). Over-long names keep their start and gain a hash of the whole, so two long keys that
 * share a prefix still get different names.
 */
export function dnsLabel(text: string, max = 63): string {
  const base = text
    .toLowerCase()
    .replace(/->/g, "-to-")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const label = base || "x";
  if (label.length <= max) return label;
  const hash = shortHash(text);
  return `${label.slice(0, max - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}

export function asRecord(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

export function asString(v: unknown): string | null {
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
}

export function asStringList(v: unknown): string[] {
  return Array.isArray(v) ? v.map(asString).filter((s): s is string => s !== null) : [];
}

export function isHttpUrl(v: string): boolean {
  return /^https?:\/\/\S+$/i.test(v);
}
