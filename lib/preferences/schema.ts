// A user's display preferences (pure, shared by the API, the OpenAPI document and the client): the
// time zone charts and times are shown in, and whether single-key shortcuts act.

import { z } from "zod";

export const TIME_ZONE_CHOICES = ["browser", "utc"] as const;
export type TimeZoneChoice = (typeof TIME_ZONE_CHOICES)[number];
export const DEFAULT_TIME_ZONE: TimeZoneChoice = "browser";
/** j, k, g, ? and / act on their own unless the user turns them off (WCAG 2.1.4); Ctrl/⌘-K always opens the palette. */
export const DEFAULT_SINGLE_KEY_SHORTCUTS = true;

const PREFERENCE_FIELDS = ["timeZone", "singleKeyShortcuts"] as const;

/** A change to some of the preferences; what is left out stays as it is. */
export const preferencesUpdateSchema = z
  .object({
    timeZone: z.enum(TIME_ZONE_CHOICES, { error: `timeZone must be one of: ${TIME_ZONE_CHOICES.join(", ")}` }).optional(),
    singleKeyShortcuts: z.boolean({ error: "singleKeyShortcuts must be true or false" }).optional(),
  })
  .strict()
  .refine((change) => PREFERENCE_FIELDS.some((f) => change[f] !== undefined), { error: `Send at least one of: ${PREFERENCE_FIELDS.join(", ")}` });
export type PreferencesUpdate = z.infer<typeof preferencesUpdateSchema>;

/** What GET and PATCH /api/me/preferences answer. */
export const preferencesResponse = z.object({ timeZone: z.enum(TIME_ZONE_CHOICES), singleKeyShortcuts: z.boolean() }).meta({ id: "Preferences" });
export type Preferences = z.infer<typeof preferencesResponse>;
