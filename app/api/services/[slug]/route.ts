import { z } from "zod";
import { deleteService, getService, updateService } from "@/lib/catalog/services";
import { route } from "@/lib/http/route";
import { serviceResponse } from "@/lib/http/responses/catalog";

type P = { slug: string };
export const GET = route<undefined, undefined, P, typeof serviceResponse>({ response: serviceResponse, action: "catalog:read" }, ({ actor, params }) => getService(actor, params.slug));
// The raw object goes to the data function: parsing here would fill defaults for omitted fields.
const patch = z.record(z.string(), z.unknown());
export const PATCH = route<typeof patch, undefined, P, typeof serviceResponse>({ response: serviceResponse, action: "catalog:write", body: patch }, ({ actor, body, params }) => updateService(actor, params.slug, body));
export const DELETE = route<undefined, undefined, P>({ action: "catalog:write" }, ({ actor, params }) => deleteService(actor, params.slug));
