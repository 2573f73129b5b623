import { z } from "zod";
import { etagOf, getIntegration, parseIfMatch, retireIntegration, updateIntegration } from "@/lib/catalog/integrations";
import { route } from "@/lib/http/route";
import { integrationResponse } from "@/lib/http/responses/catalog";

type P = { key: string };

export const GET = route<undefined, undefined, P, typeof integrationResponse>({ response: integrationResponse, action: "catalog:read" }, async ({ actor, params, reply }) => {
  const { view, version } = await getIntegration(actor, params.key);
  return reply(view, { headers: { ETag: etagOf(version) } });
});

/** JSON merge patch of the declaration; send If-Match with the ETag you read to avoid overwriting others. */
export const PATCH = route<z.ZodRecord<z.ZodString, z.ZodUnknown>, undefined, P, typeof integrationResponse>(
  { response: integrationResponse, action: "catalog:write", body: z.record(z.string(), z.unknown()) },
  async ({ actor, params, body, req, reply }) => {
    const { view, version } = await updateIntegration(actor, params.key, body, parseIfMatch(req.headers.get("if-match")));
    return reply(view, { headers: { ETag: etagOf(version) } });
  },
);

/** Retires the integration point; it and its history stay readable. */
export const DELETE = route<undefined, undefined, P, typeof integrationResponse>({ response: integrationResponse, action: "catalog:write" }, async ({ actor, params, req, reply }) => {
  const { view, version } = await retireIntegration(actor, params.key, parseIfMatch(req.headers.get("if-match")));
  return reply(view, { headers: { ETag: etagOf(version) } });
});
