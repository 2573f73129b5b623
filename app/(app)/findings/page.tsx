// Every policy finding in the estate, filtered by the URL, grouped by severity or (groupBy) by rule,
// team or integration point with counts per group and bulk waivers; and the active waivers.
import { mayGrantWaivers } from "@/components/governance/access";
import { FindingGroups } from "@/components/governance/finding-list";
import { FindingsFilters } from "@/components/governance/findings-filters";
import { GroupedFindings, type LabelledGroup } from "@/components/governance/grouped-findings";
import { GovernanceNav } from "@/components/governance/governance-nav";
import { SeverityCounts } from "@/components/governance/severity-counts";
import { WaiversTable } from "@/components/governance/waivers-table";
import { PageHeader } from "@/components/ui/page-header";
import { listTeams } from "@/lib/admin/teams";
import { requireSession } from "@/lib/auth/session";
import Link from "next/link";
import { plural, pluralNoun } from "@/lib/format/plural";
import { groupFindings, groupKeyOf, type FindingGroup, type FindingGrouping } from "@/lib/governance/finding-groups";
import { pageOfFindings } from "@/lib/governance/finding-page";
import { findingsQuerySchema, listFindings } from "@/lib/governance/findings";
import { listJourneys } from "@/lib/governance/journeys";
import { listPolicies } from "@/lib/governance/policies";
import { listWaivers } from "@/lib/governance/waivers";

export const metadata = { title: "Findings" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function FindingsPage({ searchParams }: Props) {
  const raw = await searchParams;
  const wanted = { severity: first(raw.severity), rule: first(raw.rule), team: first(raw.team), journey: first(raw.journey), waived: first(raw.waived), groupBy: first(raw.groupBy) };
  const parsed = findingsQuerySchema.safeParse(wanted);
  const query = parsed.success ? parsed.data : {};
  const actor = await requireSession("catalog:read", "/findings");

  // Counts cover the rule/team/journey filters but not severity or waived state, so every count card
  // stays meaningful while one severity is shown; those two filters apply below.
  const [result, policies, teams, journeys, waivers] = await Promise.all([
    listFindings(actor, { rule: query.rule, team: query.team, journey: query.journey }),
    listPolicies(actor),
    listTeams(actor),
    listJourneys(actor),
    listWaivers(actor, { state: "active" }),
  ]);
  const items = result.items.filter((f) => (!query.severity || f.severity === query.severity) && (!query.waived || String(f.waived) === query.waived));
  // A page at a time: a large estate has thousands of findings, each with its waiver form.
  const by = query.groupBy;
  const shown = pageOfFindings(items, Number(first(raw.page) ?? 1), undefined, by);
  const pageHref = (n: number) => {
    const params = new URLSearchParams(Object.entries(wanted).filter((e): e is [string, string] => Boolean(e[1])));
    if (n > 1) params.set("page", String(n));
    return `/findings${params.size ? `?${params}` : ""}`;
  };
  const canGrant = mayGrantWaivers(actor);
  const { groupBy: _grouping, ...filters } = query;
  const filtered = Object.values(filters).some(Boolean);
  const groups = by ? groupFindings(items, by) : [];
  const ruleTitles = new Map(policies.map((p) => [p.id, p.title]));
  const teamNames = new Map(teams.map((t) => [t.slug, t.name]));
  const label = (g: FindingGroup, grouping: FindingGrouping): string =>
    grouping === "rule" ? (ruleTitles.get(g.key ?? "") ?? g.key ?? "") : grouping === "team" ? (g.key ? (teamNames.get(g.key) ?? g.key) : "No owning team") : (g.key ?? "Journey-wide findings");
  // Only the groups this page shows, with their counts over every page.
  const onPage = new Set(by ? shown.items.map((f) => groupKeyOf(f, by)) : []);
  const shownGroups: LabelledGroup[] = by ? groups.filter((g) => onPage.has(g.key)).map((g) => ({ ...g, label: label(g, by) })) : [];

  return (
    <>
      <PageHeader title="Findings" description="Where a declared design contradicts itself, its journey or good practice. Waived findings stay listed, marked as waived." />
      <GovernanceNav current="/findings" />
      <SeverityCounts counts={result.counts} query={{ severity: query.severity, rule: query.rule, team: query.team, journey: query.journey, waived: query.waived, groupBy: query.groupBy }} />
      <FindingsFilters
        rules={policies.map((p) => ({ value: p.id, label: p.title }))}
        teams={teams.map((t) => ({ value: t.slug, label: t.name }))}
        journeys={journeys.map((j) => ({ value: j.slug, label: j.name }))}
      />
      {!parsed.success && (
        <div className="notice notice-danger" role="alert" style={{ marginBottom: "1rem" }}>
          Some filters in the address were not understood and were ignored.
        </div>
      )}
      {items.length === 0 ? (
        <div className="card empty">
          <h2>{filtered ? "No findings match these filters" : "No findings"}</h2>
          <p>{filtered ? "Clear a filter to see more." : "Every integration point and journey passes the enabled rules."}</p>
        </div>
      ) : (
        <>
          <p className="muted" role="status">
            Showing {items.length} of {result.items.length} {pluralNoun(result.items.length, "finding")}
            {by && ` in ${plural(groups.length, "group")}`}
            {shown.pages > 1 && ` (${shown.from}–${shown.to} on this page, ${shown.page} of ${shown.pages})`}
          </p>
          {by ? <GroupedFindings groups={shownGroups} findings={shown.items} by={by} canGrant={canGrant} /> : <FindingGroups findings={shown.items} canGrant={canGrant} />}
          {shown.pages > 1 && (
            <nav className="row" aria-label="Pages of findings" style={{ gap: "1rem", margin: "1rem 0" }}>
              {shown.page > 1 && <Link href={pageHref(shown.page - 1)}>← Previous page</Link>}
              {shown.page < shown.pages && <Link href={pageHref(shown.page + 1)}>Next page →</Link>}
            </nav>
          )}
        </>
      )}
      <h2 id="waivers">Active waivers</h2>
      <WaiversTable initial={waivers} ruleTitles={Object.fromEntries(policies.map((p) => [p.id, p.title]))} canRevoke={canGrant} />
    </>
  );
}
