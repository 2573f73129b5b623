import { createUser, listUsers, userCreateSchema } from "@/lib/admin/users";
import { route } from "@/lib/http/route";

export const GET = route({ action: "users:manage" }, async ({ actor }) => ({ items: await listUsers(actor), nextCursor: null }));
export const POST = route({ action: "users:manage", body: userCreateSchema }, ({ actor, body }) => createUser(actor, body));
