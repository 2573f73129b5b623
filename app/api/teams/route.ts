import { createTeam, listTeams, teamCreateSchema } from "@/lib/admin/teams";
import { route } from "@/lib/http/route";
import { teamPageResponse } from "@/lib/http/responses/pages";
import { teamResponse } from "@/lib/http/responses/catalog";

export const GET = route({ response: teamPageResponse, action: "catalog:read" }, async ({ actor }) => ({ items: await listTeams(actor), nextCursor: null }));
export const POST = route({ response: teamResponse, action: "teams:manage", body: teamCreateSchema }, ({ actor, body }) => createTeam(actor, body));
