import { z } from "zod";
import { etagOf, getIntegration, parseIfMatch, retireIntegration, updateIntegration } from "@/lib/catalog/integrations";
import { json, route } from "@/lib/http/route";

type P = { key: string };

export const GET = route<undefined, undefined, P>({ action: "catalog:read" }, async ({ actor, params }) => {
  const { view, version } = await getIntegration(actor, params.key);
  return json(view, { headers: { ETag: etagOf(version) } });
});

/** JSON merge patch of the declaration; send If-Match with the ETag you read to avoid overwriting others. */
export const PATCH = route<z.ZodRecord<z.ZodString, z.ZodUnknown>, undefined, P>(
  { action: "catalog:write", body: z.record(z.string(), z.unknown()) },
  async ({ actor, params, body, req }) => {
    const { view, version } = await updateIntegration(actor, params.key, body, parseIfMatch(req.headers.get("if-match")));
    return json(view, { headers: { ETag: etagOf(version) } });
  },
);

/** Retires the integration point; it and its history stay readable. */
export const DELETE = route<undefined, undefined, P>({ action: "catalog:write" }, async ({ actor, params, req }) => {
  const { view, version } = await retireIntegration(actor, params.key, parseIfMatch(req.headers.get("if-match")));
  return json(view, { headers: { ETag: etagOf(version) } });
});
