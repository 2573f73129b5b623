import Link from "next/link";
import { SingleKeyShortcutsToggle } from "@/components/shell/single-key-shortcuts";
import { PageHeader } from "@/components/ui/page-header";
import { TimeZoneSelect } from "@/components/ui/time-zone";
import { can } from "@/lib/auth/permissions";
import { requireSession } from "@/lib/auth/session";
import { estateSummary } from "@/lib/catalog/summary";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requireSession("catalog:read", "/settings");
  const { yourTeams } = await estateSummary(actor);
  const admin = can(actor, "users:manage");
  return (
    <>
      <PageHeader title="Settings" />
      <div className="card">
        <h2 style={{ marginTop: 0 }}>Your account</h2>
        <p>
          <strong>{actor.name}</strong> · {actor.email} · <span className={`badge badge-${actor.role}`}>{actor.role}</span>
        </p>
        <p className="muted">
          Teams: {yourTeams.length ? yourTeams.map((t) => t.name).join(", ") : "none — ask an admin to add you to your team"}
        </p>
        <div data-testid="settings-time-zone">
          <TimeZoneSelect id="settings-time-zone" />
          <p className="muted" style={{ margin: ".3rem 0 0", fontSize: ".85rem" }}>
            Chart axes, tooltips and times such as &ldquo;last data at&rdquo; are written in this zone, on every device you sign in on.
          </p>
        </div>
        <div data-testid="settings-single-key-shortcuts" style={{ marginTop: ".9rem" }}>
          <SingleKeyShortcutsToggle id="single-key-shortcuts" />
          <p id="single-key-shortcuts-help" className="muted" style={{ margin: ".3rem 0 0", fontSize: ".85rem" }}>
            On its own, j or k moves through a list, g then a letter opens a page, ? lists the shortcuts and / opens search. Turn them off if you use
            speech input or press them by accident; Ctrl K (⌘ K on a Mac) still opens search. Kept on your user, like the time zone.
          </p>
        </div>
      </div>
      <div className="grid-cards" style={{ marginTop: "1rem" }}>
        <Link className="card" href="/settings/policies">
          <strong>Policies</strong>
          <div className="muted">The governance rules, their thresholds, and which are switched on</div>
        </Link>
        <Link className="card" href="/settings/telemetry">
          <strong>Telemetry</strong>
          <div className="muted">How to send OpenTelemetry data, and what is arriving</div>
        </Link>
        <Link className="card" href="/settings/notifications">
          <strong>Notifications</strong>
          <div className="muted">Channels, rules, the delivery log and dead letters</div>
        </Link>
        <Link className="card" href="/settings/api">
          <strong>API reference</strong>
          <div className="muted">Every endpoint, the token scope it needs, and a curl example</div>
        </Link>
      </div>
      {admin ? (
        <div className="grid-cards" style={{ marginTop: "1rem" }}>
          <Link className="card" href="/settings/users">
            <strong>Users</strong>
            <div className="muted">Create users, set roles and team membership</div>
          </Link>
          <Link className="card" href="/settings/teams">
            <strong>Teams</strong>
            <div className="muted">Teams own services and their integration points</div>
          </Link>
          <Link className="card" href="/settings/tokens">
            <strong>API tokens</strong>
            <div className="muted">Scoped tokens for scripts, CI and telemetry exporters</div>
          </Link>
          <Link className="card" href="/settings/audit">
            <strong>Audit log</strong>
            <div className="muted">Who changed what, and when; export as CSV</div>
          </Link>
        </div>
      ) : (
        <p className="muted">Users, teams and API tokens are managed by admins.</p>
      )}
    </>
  );
}
