import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireSession } from "@/lib/auth/session";
import { inboxCount } from "@/lib/decisions/list";

export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const actor = await requireSession();
  const awaitingReview = await inboxCount(actor);
  return (
    <AppShell user={{ name: actor.name, email: actor.email, role: actor.role }} awaitingReview={awaitingReview}>
      {children}
    </AppShell>
  );
}
