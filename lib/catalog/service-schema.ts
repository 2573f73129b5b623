// Service schemas and view (pure): shared by the API, forms and catalog-as-code, which checks files
// offline and must not reach the database.
import { z } from "zod";
import { slugSchema } from "@/lib/admin/team-schema";

const linkSchema = z.object({
  title: z.string().trim().min(1, "Give the link a title").max(100),
  url: z.string().trim().url("Enter a full URL").refine((u) => /^https?:\/\//i.test(u), "Links must be http(s) URLs"),
});

const optionalLabel = (what: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(63, `${what} has at most 63 characters`)
    .nullish()
    .transform((v) => v ?? null);

/** Backstage's tag rule, so every tag can go back to Backstage: [a-z0-9:+#] runs joined by single hyphens. */
export const serviceTagSchema = z
  .string()
  .trim()
  .max(63, "A tag has at most 63 characters")
  .regex(/^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/, "Tags are lowercase letters, digits, : + and #, joined by single hyphens (e.g. java, c++)");

export const serviceSchema = z.object({
  slug: slugSchema,
  name: z.string().trim().min(1, "Enter a name").max(100),
  team: slugSchema,
  tier: z.number().int().min(1, "Tier is 1 (most critical) to 4").max(4, "Tier is 1 (most critical) to 4").default(3),
  description: z.string().max(20_000).default(""),
  links: z.array(linkSchema).max(20).default([]),
  telemetryName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .nullish()
    .transform((v) => v ?? null),
  /** What kind of software (Backstage spec.type: service, website, library…), or `system` for a Backstage System. */
  type: optionalLabel("The type"),
  /** Backstage lifecycle (experimental, production, deprecated, or a stage of your own). */
  lifecycle: optionalLabel("The lifecycle"),
  /** The system (a Backstage System's name) this service is part of. */
  system: optionalLabel("The system"),
  tags: z.array(serviceTagSchema).max(30, "At most 30 tags").default([]),
});
export const serviceUpdateSchema = serviceSchema.omit({ slug: true }).partial().strict();
export type ServiceInput = z.input<typeof serviceSchema>;

export interface ServiceView {
  slug: string;
  name: string;
  team: string;
  tier: number;
  description: string;
  links: { title: string; url: string }[];
  telemetryName: string;
  type: string | null;
  lifecycle: string | null;
  system: string | null;
  tags: string[];
}
