// Reading one integration point for a page (unknown key → 404).
import "server-only";
import { orNotFound } from "@/components/ui/or-not-found";
import type { Actor } from "@/lib/auth/actor";
import { getIntegration } from "@/lib/catalog/integrations";

export { orNotFound };
export const loadIntegration = (actor: Actor, key: string) => orNotFound(getIntegration(actor, key));
