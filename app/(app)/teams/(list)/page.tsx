// Teams: who owns the services, readable by everyone signed in (managing them stays in Settings → Teams).
import Link from "next/link";
import { CatalogNav } from "@/components/catalog/catalog-nav";
import { TeamsTable } from "@/components/catalog/teams-table";
import { PageHeader } from "@/components/ui/page-header";
import { listTeams } from "@/lib/admin/teams";
import { can } from "@/lib/auth/permissions";
import { requireSession } from "@/lib/auth/session";
import { estateSummary } from "@/lib/catalog/summary";

export const metadata = { title: "Teams" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TeamsPage({ searchParams }: Props) {
  const onlyMine = (await searchParams).mine === "1";
  const actor = await requireSession("catalog:read", onlyMine ? "/teams?mine=1" : "/teams");
  const [teams, summary] = await Promise.all([listTeams(actor), estateSummary(actor)]);
  const mine = new Set(summary.yourTeams.map((t: { slug: string }) => t.slug));
  const shown = onlyMine ? teams.filter((t) => mine.has(t.slug)) : teams;
  return (
    <>
      <PageHeader title="Catalog" description="Teams own services and, through them, the integration points those services call." />
      <CatalogNav />
      <p className="muted" style={{ margin: "0 0 .5rem" }}>
        {onlyMine ? (
          <>
            Your teams · <Link href="/teams">all teams</Link>
          </>
        ) : (
          <>
            All teams{mine.size > 0 && <> · <Link href="/teams?mine=1">only yours</Link></>}
          </>
        )}
        {can(actor, "teams:manage") && (
          <>
            {" "}· <Link href="/settings/teams">manage teams</Link>
          </>
        )}
      </p>
      {shown.length === 0 ? (
        <div className="card empty" data-testid="teams-empty">
          <h2>{onlyMine ? "You are not in a team yet" : "No teams yet"}</h2>
          <p>{onlyMine ? "An admin adds you to a team under Settings → Teams; until then you can read the whole catalog." : "An admin creates teams under Settings → Teams; each service needs an owning team."}</p>
        </div>
      ) : (
        <TeamsTable teams={shown} mine={mine} />
      )}
    </>
  );
}
