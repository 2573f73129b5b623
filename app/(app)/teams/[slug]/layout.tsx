// Answers an unknown team with a real 404 before the page's loading skeleton streams.
import type { ReactNode } from "react";
import { orNotFound } from "@/components/catalog/load";
import { getTeam } from "@/lib/admin/teams";
import { requireSession } from "@/lib/auth/session";

export default async function TeamLayout({ params, children }: { params: Promise<{ slug: string }>; children: ReactNode }) {
  const { slug } = await params;
  const actor = await requireSession("catalog:read", `/teams/${slug}`);
  await orNotFound(getTeam(actor, slug));
  return children;
}
