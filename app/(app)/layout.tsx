import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireSession } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const actor = await requireSession();
  return <AppShell user={{ name: actor.name, email: actor.email, role: actor.role }}>{children}</AppShell>;
}
