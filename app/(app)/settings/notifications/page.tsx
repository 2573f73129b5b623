import { NotificationsSettings } from "@/components/notifications/notifications-settings";
import { PageHeader } from "@/components/ui/page-header";
import { canSomewhere } from "@/lib/auth/permissions";
import { requireSession } from "@/lib/auth/session";

export const metadata = { title: "Notifications" };

export default async function Page() {
  const actor = await requireSession("catalog:read", "/settings/notifications");
  const manages = canSomewhere(actor, "catalog:write");
  return (
    <>
      <PageHeader
        title="Notifications"
        description={
          <>
            <a href="/settings">← Settings</a> · Where SLO alerts, status changes, drift, findings and decisions are sent
            {actor.role === "member" ? " (your teams' channels)" : ""}
          </>
        }
      />
      {manages ? (
        <NotificationsSettings />
      ) : (
        <div className="card empty">
          <h2>Notifications are managed by members, architects and admins</h2>
          <p>Ask someone on your team to add you as a member to set up its channels.</p>
        </div>
      )}
    </>
  );
}
