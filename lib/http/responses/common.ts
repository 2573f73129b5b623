// Building blocks of the response schemas: the list envelope, timestamps, and the error body every
// non-OTLP route answers (lib/errors.ts mapError is its one producer).
import { z } from "zod";

export const isoDateTime = z.iso.datetime({ offset: true }).describe("ISO-8601 date-time");
export const isoDate = z.iso.date().describe("UTC calendar day, YYYY-MM-DD");
export const nullableDateTime = isoDateTime.nullable();

/** `{items, nextCursor}`: every list answers this; `nextCursor` is null on the last page. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(["bad_request", "unauthenticated", "forbidden", "not_found", "conflict", "payload_too_large", "unsupported_media_type", "validation_failed", "rate_limited", "unavailable", "internal"]),
      message: z.string(),
      details: z.unknown().optional().describe("validation_failed: [{path, message}]; other codes: what the message refers to"),
    }),
  })
  .meta({ id: "Error" });
