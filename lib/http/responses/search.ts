// What GET /api/search answers: hits grouped by kind, the group with the best hit first.
import { z } from "zod";
import { searchKinds } from "@/lib/search/search";
import { matchTiers } from "@/lib/search/rank";

const kind = z.enum(searchKinds);

export const searchResponse = z.object({
  query: z.string(),
  groups: z.array(
    z.object({
      kind,
      items: z.array(z.object({ kind, key: z.string(), label: z.string(), detail: z.string(), href: z.string(), tier: z.enum(matchTiers) })),
      /** More hits of this kind than the limit. */
      more: z.boolean(),
    }),
  ),
});
