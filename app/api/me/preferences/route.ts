import { route } from "@/lib/http/route";
import { getPreferences, updatePreferences } from "@/lib/preferences/preferences";
import { preferencesUpdateSchema } from "@/lib/preferences/schema";

export const GET = route({ action: "catalog:read" }, ({ actor }) => getPreferences(actor));

export const PATCH = route({ action: "catalog:read", body: preferencesUpdateSchema }, ({ actor, body }) => updatePreferences(actor, body));
