// Answers an unknown key with a real 404 before anything streams: the detail page's loading
// skeleton sits below this layout, and once a skeleton has been sent the status is fixed at 200.
import type { ReactNode } from "react";
import { integrationHref } from "@/components/catalog/labels";
import { loadIntegration } from "@/components/catalog/load";
import { requireSession } from "@/lib/auth/session";

export default async function IntegrationLayout({ params, children }: { params: Promise<{ key: string }>; children: ReactNode }) {
  const key = decodeURIComponent((await params).key);
  const actor = await requireSession("catalog:read", integrationHref(key));
  await loadIntegration(actor, key);
  return children;
}
