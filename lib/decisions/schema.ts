// The decision record's input (MADR-shaped), shared by the form, the API and Markdown import.
import { z } from "zod";
import { decisionStatuses, verdicts } from "./workflow";

/** Record numbers, as in `/api/decisions/{number}` (at most nine digits: they fit PostgreSQL's integer). */
export const MAX_RECORD_NUMBER = 999_999_999;
// Zero is a number: MADR's own log starts at 0000.
export const recordNumber = z.number().int().nonnegative().max(MAX_RECORD_NUMBER, `Record numbers are at most ${MAX_RECORD_NUMBER}`);

/** A real calendar day `YYYY-MM-DD` (1900–9999): `2026-13-45` and `0000-00-00` are refused, not rolled over. */
export const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "date is YYYY-MM-DD")
  .refine((s) => {
    const [y = 0, m = 0, d = 0] = s.split("-").map(Number);
    const at = new Date(Date.UTC(y, m - 1, d));
    return y >= 1900 && at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
  }, "date is not a calendar day between 1900 and 9999");

const line = z.string().trim().min(1).max(500);
const lines = z.array(line).max(50).default([]);
const markdown = z.string().max(50_000).default("");

export const optionSchema = z.object({
  title: z.string().trim().min(1, "Name the option").max(200),
  pros: lines,
  cons: lines,
});

export const decisionSchema = z.object({
  title: z.string().trim().min(3, "Give the decision a title (at least 3 characters)").max(200),
  context: markdown,
  drivers: lines,
  options: z.array(optionSchema).max(20).default([]),
  outcome: markdown,
  consequences: z.object({ positive: lines, negative: lines }).default({ positive: [], negative: [] }),
  confirmation: markdown,
  // Edgewise users by email; records imported from elsewhere name people as their authors wrote them.
  deciders: z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(200)
        .refine((v) => !v.includes("@") || z.string().email().safeParse(v).success, "A decider is an email address or a name")
        .transform((v) => (v.includes("@") ? v.toLowerCase() : v)),
    )
    .max(20)
    .default([]),
  consulted: z.array(z.string().trim().max(200)).max(50).default([]),
  informed: z.array(z.string().trim().max(200)).max(50).default([]),
  tags: z
    .array(z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]*$/, "Tags are lowercase words"))
    .max(20)
    .default([])
    .transform((t) => [...new Set(t)]),
  integrations: z.array(z.string().trim().min(1)).max(100).default([]),
  journeys: z.array(z.string().trim().min(1)).max(50).default([]),
});
export type DecisionInput = z.input<typeof decisionSchema>;
export type DecisionContent = z.output<typeof decisionSchema>;
export const decisionUpdateSchema = decisionSchema.partial().strict();

export const reviewSchema = z.object({
  verdict: z.enum(verdicts, { error: `verdict is one of ${verdicts.join(", ")}` }),
  comment: z.string().trim().max(10_000).default(""),
});

export const transitionSchema = z.object({
  to: z.enum(decisionStatuses, { error: `to is one of ${decisionStatuses.join(", ")}` }),
  comment: z.string().trim().max(10_000).default(""),
  supersededBy: recordNumber.nullish().transform((v) => v ?? null),
});

export const decisionListQuerySchema = z.object({
  status: z.enum(decisionStatuses).optional(),
  tag: z.string().trim().toLowerCase().max(40).optional(),
  team: z.string().max(63).optional(),
  integration: z.string().max(200).optional(),
  author: z.string().max(200).optional(),
  awaiting: z.enum(["me"]).optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(["number", "-number", "updated", "-updated", "title"]).default("-number"),
});
