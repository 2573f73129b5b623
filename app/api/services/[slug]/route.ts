import { deleteService, getService, serviceUpdateSchema, updateService } from "@/lib/catalog/services";
import { route } from "@/lib/http/route";

type P = { slug: string };
export const GET = route<undefined, undefined, P>({ action: "catalog:read" }, ({ actor, params }) => getService(actor, params.slug));
export const PATCH = route<typeof serviceUpdateSchema, undefined, P>({ action: "catalog:write", body: serviceUpdateSchema }, ({ actor, body, params }) =>
  updateService(actor, params.slug, body),
);
export const DELETE = route<undefined, undefined, P>({ action: "catalog:write" }, ({ actor, params }) => deleteService(actor, params.slug));
