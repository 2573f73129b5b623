import { createTeam, listTeams, teamCreateSchema } from "@/lib/admin/teams";
import { route } from "@/lib/http/route";

export const GET = route({ action: "catalog:read" }, async ({ actor }) => ({ items: await listTeams(actor), nextCursor: null }));
export const POST = route({ action: "teams:manage", body: teamCreateSchema }, ({ actor, body }) => createTeam(actor, body));
