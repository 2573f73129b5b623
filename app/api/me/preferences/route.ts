import { route } from "@/lib/http/route";
import { getPreferences, updatePreferences } from "@/lib/preferences/preferences";
import { preferencesResponse, preferencesUpdateSchema } from "@/lib/preferences/schema";

export const GET = route({ response: preferencesResponse, action: "catalog:read" }, ({ actor }) => getPreferences(actor));

export const PATCH = route({ response: preferencesResponse, action: "catalog:read", body: preferencesUpdateSchema }, ({ actor, body }) => updatePreferences(actor, body));
