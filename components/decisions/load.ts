// Reading one decision record for a page: a malformed or unknown number is the page's 404.
import "server-only";
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { getDecision } from "@/lib/decisions/records";
import { AppError } from "@/lib/errors";

/** `/decisions/12` only: "ADR-0012" or "12.md" in a page URL is not a record. */
export function parseNumber(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) notFound();
  return Number(raw);
}

export async function loadDecision(actor: Actor, number: number) {
  try {
    return await getDecision(actor, number);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
}
