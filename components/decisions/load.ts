// Reading one decision record for a page: a malformed or unknown number is the page's 404.
import "server-only";
import { notFound } from "next/navigation";
import { orNotFound } from "@/components/ui/or-not-found";
import type { Actor } from "@/lib/auth/actor";
import { getDecision } from "@/lib/decisions/records";

/** `/decisions/12` only: "ADR-0012" or "12.md" in a page URL is not a record. */
export function parseNumber(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) notFound();
  return Number(raw);
}

export const loadDecision = (actor: Actor, number: number) => orNotFound(getDecision(actor, number));
