// Helpers shared by the input schemas.

/**
 * zod's `.partial()` still applies `.default()`s, so a PATCH that omits a field would silently reset it
 * to its default. Keep only the keys the caller actually sent.
 */
export function providedOnly<T extends object>(input: unknown, parsed: T): Partial<T> {
  const sent = typeof input === "object" && input !== null ? new Set(Object.keys(input)) : new Set<string>();
  return Object.fromEntries(Object.entries(parsed).filter(([k]) => sent.has(k))) as Partial<T>;
}
