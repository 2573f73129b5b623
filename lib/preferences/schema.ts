// A user's display preferences (pure, shared by the API, the OpenAPI document and the client):
// for now the time zone charts and times are shown in.

import { z } from "zod";

export const TIME_ZONE_CHOICES = ["browser", "utc"] as const;
export type TimeZoneChoice = (typeof TIME_ZONE_CHOICES)[number];
export const DEFAULT_TIME_ZONE: TimeZoneChoice = "browser";

export const preferencesUpdateSchema = z
  .object({
    timeZone: z.enum(TIME_ZONE_CHOICES, { error: `timeZone must be one of: ${TIME_ZONE_CHOICES.join(", ")}` }),
  })
  .strict();
export type PreferencesUpdate = z.infer<typeof preferencesUpdateSchema>;

/** What GET and PATCH /api/me/preferences answer. */
export const preferencesResponse = z.object({ timeZone: z.enum(TIME_ZONE_CHOICES) }).meta({ id: "Preferences" });
export type Preferences = z.infer<typeof preferencesResponse>;
