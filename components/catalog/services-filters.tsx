// The services list's filter bar: a plain GET form (nothing to load before it works) over the
// owning team, a search of slug and name, and the Backstage fields lifecycle, system and tag.
import type { ServiceFacets, ServiceListQuery } from "@/lib/catalog/services";
import { FilterItem as Item, FilterSelect } from "./list/filter-item";
import css from "./catalog.module.css";

/** The list's address for a view; only the filters that are set, and the page when past the first. */
/** The services list's filters, as they appear in its address (the page reads the same names). */
export const SERVICE_FILTERS = ["q", "team", "lifecycle", "system", "tag"] as const;

export function servicesHref(query: ServiceListQuery, page = 1): string {
  const params = new URLSearchParams();
  for (const k of SERVICE_FILTERS) if (query[k]) params.set(k, query[k]);
  if (page > 1) params.set("page", String(page));
  const qs = params.toString();
  return qs ? `/services?${qs}` : "/services";
}

function Select({ name, ...rest }: { name: string; label: string; value?: string; options: { value: string; label: string }[] }) {
  return <FilterSelect id={`services-${name}`} name={name} keepApplied {...rest} />;
}

const asOptions = (values: string[]) => values.map((v) => ({ value: v, label: v }));

export function ServicesFilters({ teams, facets, values }: { teams: { slug: string; name: string }[]; facets: ServiceFacets; values: ServiceListQuery }) {
  return (
    <form method="get" action="/services" role="search" aria-label="Filter services" className={`card ${css.filters}`} data-testid="services-filters">
      <Item id="services-q" label="Search" className={css.search}>
        <input id="services-q" type="search" name="q" maxLength={100} defaultValue={values.q ?? ""} placeholder="Slug or name…" />
      </Item>
      <Select name="team" label="Team" value={values.team} options={teams.map((t) => ({ value: t.slug, label: t.name }))} />
      <Select name="lifecycle" label="Lifecycle" value={values.lifecycle} options={asOptions(facets.lifecycles)} />
      <Select name="system" label="System" value={values.system} options={asOptions(facets.systems)} />
      <Select name="tag" label="Tag" value={values.tag} options={asOptions(facets.tags)} />
      <div className={css.filterActions}>
        <button className="btn btn-primary" type="submit">
          Apply
        </button>
      </div>
    </form>
  );
}
