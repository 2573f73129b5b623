// Who is signed in, for pages and route handlers. Pages redirect to sign-in; the API answers 401.
import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { can, type Action } from "./permissions";
import { loadActor, type Actor } from "./actor";
import { authOptions } from "./options";

/** Once per request: the layout and the page both ask (a JWT decryption and a query each time otherwise). */
export const sessionActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: unknown } | undefined)?.id;
  if (typeof id !== "string") return null;
  return loadActor(id, "session");
});

/** For pages: the signed-in actor, or a redirect to sign-in (and a 403 page when `action` is refused). */
export async function requireSession(action?: Action, returnTo = "/"): Promise<Actor> {
  const actor = await sessionActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (action && !can(actor, action)) forbidden();
  return actor;
}
