// Services with their owning team, tier, Backstage lifecycle, system and tags, and how many integration points leave and reach them.
import Link from "next/link";
import type { ServiceView } from "@/lib/catalog/services";
import type { EdgeCounts } from "@/lib/catalog/edge-counts";
import css from "./catalog.module.css";

/** A service's tags, each a link to the services that carry it. */
export function ServiceTags({ tags }: { tags: string[] }) {
  if (tags.length === 0) return <span className={css.unset}>None</span>;
  return (
    <span className="row" style={{ gap: ".25rem", flexWrap: "wrap" }}>
      {tags.map((t) => (
        <Link key={t} className="badge mono" href={`/services?tag=${encodeURIComponent(t)}`}>
          {t}
        </Link>
      ))}
    </span>
  );
}

export function ServicesTable({ services, teamNames, counts, showTeam = true }: { services: ServiceView[]; teamNames: Map<string, string>; counts?: Map<string, EdgeCounts>; showTeam?: boolean }) {
  return (
    <div className="table-wrap">
      <table data-testid="services-table" className={css.table}>
        <thead>
          <tr>
            <th scope="col">Service</th>
            {showTeam && <th scope="col">Team</th>}
            <th scope="col">Tier</th>
            <th scope="col">Lifecycle</th>
            <th scope="col">System</th>
            <th scope="col">Tags</th>
            {counts && (
              <>
                <th scope="col" className={css.num}>Outbound</th>
                <th scope="col" className={css.num}>Inbound</th>
              </>
            )}
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {services.map((s) => {
            const c = counts?.get(s.slug);
            return (
              <tr key={s.slug} data-testid="service-row" data-slug={s.slug} data-kb-row>
                <td>
                  <Link href={`/services/${s.slug}`}>
                    <strong>{s.name}</strong>
                  </Link>
                  <div className="muted mono">{s.slug}</div>
                </td>
                {showTeam && (
                  <td>
                    <Link href={`/teams/${s.team}`}>{teamNames.get(s.team) ?? s.team}</Link>
                  </td>
                )}
                <td>
                  <span className="badge" title="Tier 1 is the most critical">Tier {s.tier}</span>
                </td>
                <td data-testid="service-lifecycle">{s.lifecycle ?? <span className={css.unset}>—</span>}</td>
                <td data-testid="service-system" className={css.breakable}>
                  {s.system ? <Link href={`/services?system=${encodeURIComponent(s.system)}`}>{s.system}</Link> : <span className={css.unset}>—</span>}
                </td>
                <td data-testid="service-tags">
                  <ServiceTags tags={s.tags} />
                </td>
                {counts && (
                  <>
                    <td className={css.num}>
                      <Link href={`/catalog?source=${s.slug}`}>{c?.outbound ?? 0}</Link>
                    </td>
                    <td className={css.num}>
                      <Link href={`/catalog?target=${s.slug}`}>{c?.inbound ?? 0}</Link>
                    </td>
                  </>
                )}
                <td className={`muted ${css.wrap}`} style={{ minWidth: "16rem" }}>{s.description}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
