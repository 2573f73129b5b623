// Service schemas and view (pure): shared by the API, forms and catalog-as-code, which checks files
// offline and must not reach the database.
import { z } from "zod";
import { slugSchema } from "@/lib/admin/team-schema";

const linkSchema = z.object({
  title: z.string().trim().min(1, "Give the link a title").max(100),
  url: z.string().trim().url("Enter a full URL").refine((u) => /^https?:\/\//i.test(u), "Links must be http(s) URLs"),
});

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
}
