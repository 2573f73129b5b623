// Team and slug schemas (pure): shared by the admin API, forms and catalog-as-code, which checks
// files offline and must not reach the database.
import { z } from "zod";

export const slugSchema = z
  .string()
  .trim()
  .min(2, "Slugs need at least 2 characters")
  .max(63)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lowercase letters, digits and single hyphens (e.g. checkout-team)");

export const teamCreateSchema = z.object({
  slug: slugSchema,
  name: z.string().trim().min(1, "Enter a name").max(100),
  /** The team this one sits under (a Backstage Group's parent), by slug. */
  parent: slugSchema.nullish().transform((v) => v ?? null),
});
