import { deleteTeam, getTeam, teamUpdateSchema, updateTeam } from "@/lib/admin/teams";
import { route } from "@/lib/http/route";
import { teamResponse } from "@/lib/http/responses/catalog";

type P = { slug: string };
export const GET = route<undefined, undefined, P, typeof teamResponse>({ response: teamResponse, action: "catalog:read" }, ({ actor, params }) => getTeam(actor, params.slug));
export const PATCH = route<typeof teamUpdateSchema, undefined, P, typeof teamResponse>({ response: teamResponse, action: "teams:manage", body: teamUpdateSchema }, ({ actor, body, params }) =>
  updateTeam(actor, params.slug, body),
);
export const DELETE = route<undefined, undefined, P>({ action: "teams:manage" }, ({ actor, params }) => deleteTeam(actor, params.slug));
