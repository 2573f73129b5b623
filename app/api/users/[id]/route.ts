import { updateUser, userUpdateSchema } from "@/lib/admin/users";
import { route } from "@/lib/http/route";
import { userResponse } from "@/lib/http/responses/admin";

export const PATCH = route<typeof userUpdateSchema, undefined, { id: string }, typeof userResponse>({ response: userResponse, action: "users:manage", body: userUpdateSchema }, ({ actor, body, params }) =>
  updateUser(actor, params.id, body),
);
