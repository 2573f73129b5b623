import { createUser, listUsers, userCreateSchema } from "@/lib/admin/users";
import { route } from "@/lib/http/route";
import { userPageResponse } from "@/lib/http/responses/pages";
import { userResponse } from "@/lib/http/responses/admin";

export const GET = route({ response: userPageResponse, action: "users:manage" }, async ({ actor }) => ({ items: await listUsers(actor), nextCursor: null }));
export const POST = route({ response: userResponse, action: "users:manage", body: userCreateSchema }, ({ actor, body }) => createUser(actor, body));
