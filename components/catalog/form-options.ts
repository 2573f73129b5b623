// The choices the integration form offers, computed on the server: every service (grouped by team)
// as a target, and as a source only those whose team the user may write for.
import "server-only";
import { listTeams } from "@/lib/admin/teams";
import type { Actor } from "@/lib/auth/actor";
import { listServices } from "@/lib/catalog/services";
import { mayWriteFor } from "./access";
import type { ServiceOption } from "./integration-form";

export async function integrationFormOptions(actor: Actor): Promise<{ services: ServiceOption[]; sourceSlugs: string[] }> {
  const [services, teams] = await Promise.all([listServices(actor), listTeams(actor)]);
  const teamNames = new Map(teams.map((t) => [t.slug, t.name]));
  const writable = new Set(teams.filter((t) => mayWriteFor(actor, t)).map((t) => t.slug));
  return {
    services: services
      .map((s) => ({ slug: s.slug, name: s.name, teamName: teamNames.get(s.team) ?? s.team, telemetryName: s.telemetryName }))
      .sort((a, b) => a.teamName.localeCompare(b.teamName) || a.name.localeCompare(b.name)),
    sourceSlugs: services.filter((s) => writable.has(s.team)).map((s) => s.slug),
  };
}
