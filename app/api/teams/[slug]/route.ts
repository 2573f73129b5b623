import { deleteTeam, getTeam, teamUpdateSchema, updateTeam } from "@/lib/admin/teams";
import { route } from "@/lib/http/route";

type P = { slug: string };
export const GET = route<undefined, undefined, P>({ action: "catalog:read" }, ({ actor, params }) => getTeam(actor, params.slug));
export const PATCH = route<typeof teamUpdateSchema, undefined, P>({ action: "teams:manage", body: teamUpdateSchema }, ({ actor, body, params }) =>
  updateTeam(actor, params.slug, body),
);
export const DELETE = route<undefined, undefined, P>({ action: "teams:manage" }, ({ actor, params }) => deleteTeam(actor, params.slug));
