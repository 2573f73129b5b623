import { createToken, listTokens, tokenCreateSchema } from "@/lib/auth/api-tokens";
import { route } from "@/lib/http/route";

export const GET = route({ action: "tokens:manage" }, async ({ actor }) => ({ items: await listTokens(actor), nextCursor: null }));
/** The token string is in this response and nowhere else, ever. */
export const POST = route({ action: "tokens:manage", body: tokenCreateSchema }, async ({ actor, body }) => {
  const { token, view } = await createToken(actor, body);
  return { ...view, token };
});
