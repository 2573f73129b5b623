// Journey schemas (pure): shared by the API, forms and catalog-as-code, which checks files offline
// and must not reach the database.
import { z } from "zod";
import { slugSchema } from "@/lib/admin/team-schema";
import { criticalities } from "./integration-schema";

export const journeySchema = z.object({
  slug: slugSchema,
  name: z.string().trim().min(1, "Name the journey (e.g. Place order)").max(100),
  description: z.string().max(20_000).default(""),
  team: slugSchema,
  budgetP99Ms: z.number({ error: "The journey budget is a number of milliseconds" }).positive("The journey budget must be greater than 0").max(600_000, "The journey budget must be at most 10 minutes"),
  criticality: z.enum(criticalities).default("critical"),
  steps: z
    .array(z.string().trim().min(1))
    .min(1, "A journey needs at least one step")
    .max(50, "At most 50 steps")
    .refine((s) => new Set(s).size === s.length, "A step appears twice"),
});
export const journeyUpdateSchema = journeySchema.omit({ slug: true }).partial().strict();
export type JourneyInput = z.input<typeof journeySchema>;
