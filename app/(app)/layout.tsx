import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { SingleKeyShortcutsProvider } from "@/components/shell/single-key-shortcuts";
import { TimeZoneProvider } from "@/components/ui/time-zone";
import { requireSession } from "@/lib/auth/session";
import { inboxCount } from "@/lib/decisions/list";
import { getPreferences } from "@/lib/preferences/preferences";

export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const actor = await requireSession();
  const [awaitingReview, preferences] = await Promise.all([inboxCount(actor), getPreferences(actor)]);
  return (
    // Above the shell: the header's key listener and the Settings checkbox share the one choice.
    <SingleKeyShortcutsProvider initial={preferences.singleKeyShortcuts}>
      <AppShell user={{ name: actor.name, email: actor.email, role: actor.role }} awaitingReview={awaitingReview}>
        <TimeZoneProvider initial={preferences.timeZone}>{children}</TimeZoneProvider>
      </AppShell>
    </SingleKeyShortcutsProvider>
  );
}
