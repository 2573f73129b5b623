import { updateUser, userUpdateSchema } from "@/lib/admin/users";
import { route } from "@/lib/http/route";

export const PATCH = route<typeof userUpdateSchema, undefined, { id: string }>({ action: "users:manage", body: userUpdateSchema }, ({ actor, body, params }) =>
  updateUser(actor, params.id, body),
);
