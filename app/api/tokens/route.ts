import { createToken, listTokens, tokenCreateSchema } from "@/lib/auth/api-tokens";
import { route } from "@/lib/http/route";
import { tokenPageResponse } from "@/lib/http/responses/pages";
import { createdTokenResponse } from "@/lib/http/responses/admin";

export const GET = route({ response: tokenPageResponse, action: "tokens:manage" }, async ({ actor }) => ({ items: await listTokens(actor), nextCursor: null }));
/** The token string is in this response and nowhere else, ever. */
export const POST = route({ response: createdTokenResponse, action: "tokens:manage", body: tokenCreateSchema }, async ({ actor, body }) => {
  const { token, view } = await createToken(actor, body);
  return { ...view, token };
});
