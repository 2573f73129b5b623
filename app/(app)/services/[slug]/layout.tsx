// Answers an unknown service with a real 404 before the page's loading skeleton streams.
import type { ReactNode } from "react";
import { orNotFound } from "@/components/catalog/load";
import { requireSession } from "@/lib/auth/session";
import { getService } from "@/lib/catalog/services";

export default async function ServiceLayout({ params, children }: { params: Promise<{ slug: string }>; children: ReactNode }) {
  const { slug } = await params;
  const actor = await requireSession("catalog:read", `/services/${slug}`);
  await orNotFound(getService(actor, slug));
  return children;
}
