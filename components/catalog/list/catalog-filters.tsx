"use client";
// The catalog's filter bar: a plain GET form (it works before JavaScript loads), enhanced so that a
// changed select applies at once and the URL carries only the filters that are set.
import { useRouter } from "next/navigation";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { criticalities, knownProtocols, lifecycles, styles } from "@/lib/catalog/integration-schema";
import { integrationStatuses } from "@/lib/catalog/integration-statuses";
import { statusLabels } from "../badges";
import { criticalityLabels, lifecycleLabels, styleLabels } from "../labels";
import { FilterItem as Item, FilterSelect } from "./filter-item";
import css from "../catalog.module.css";

export interface FilterOptions {
  teams: { slug: string; name: string }[];
  /** Null for a big estate: Source and Target then take a typed service slug. */
  services: { slug: string; name: string }[] | null;
}

interface Props extends FilterOptions {
  values: Partial<Record<string, string>>;
  sort?: string;
  limit?: string;
}

function Select({ name, ...rest }: { name: string; label: string; value?: string; options: { value: string; label: string }[] }) {
  const submit = (e: ChangeEvent<HTMLSelectElement>) => e.currentTarget.form?.requestSubmit();
  return <FilterSelect id={`filter-${name}`} name={name} onChange={submit} {...rest} />;
}

export function CatalogFilters({ teams, services, values, sort, limit }: Props) {
  const router = useRouter();
  // On a phone the filters fold behind a button so the table is not pushed off the first screen.
  const [expanded, setExpanded] = useState(false);
  const active = ["team", "source", "target", "style", "protocol", "criticality", "lifecycle", "tag", "status"].filter((k) => values[k]).length;
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(e.currentTarget)) if (typeof v === "string" && v.trim()) params.set(k, v.trim());
    const qs = params.toString();
    router.push(qs ? `/catalog?${qs}` : "/catalog");
  }
  const serviceOptions = services?.map((s) => ({ value: s.slug, label: s.name }));
  const serviceFilter = (name: "source" | "target", label: string) =>
    serviceOptions ? (
      <Select name={name} label={label} value={values[name]} options={serviceOptions} />
    ) : (
      <Item id={`filter-${name}`} label={label}>
        <input id={`filter-${name}`} name={name} defaultValue={values[name] ?? ""} placeholder="Service slug" autoComplete="off" spellCheck={false} />
      </Item>
    );
  return (
    <form method="get" action="/catalog" role="search" aria-label="Filter integration points" className={`card ${css.filters}`} data-expanded={expanded} onSubmit={onSubmit}>
      <Item id="filter-q" label="Search" className={css.search}>
        <input id="filter-q" type="search" name="q" defaultValue={values.q ?? ""} placeholder="Key, service, operation, description…" />
      </Item>
      <Select name="team" label="Team" value={values.team} options={teams.map((t) => ({ value: t.slug, label: t.name }))} />
      {serviceFilter("source", "Source")}
      {serviceFilter("target", "Target")}
      <Select name="style" label="Style" value={values.style} options={styles.map((s) => ({ value: s, label: styleLabels[s] }))} />
      <Item id="filter-protocol" label="Protocol">
        <input id="filter-protocol" name="protocol" list="catalog-filter-protocols" defaultValue={values.protocol ?? ""} placeholder="Any" autoComplete="off" />
        <datalist id="catalog-filter-protocols">
          {knownProtocols.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
      </Item>
      <Select name="criticality" label="Criticality" value={values.criticality} options={criticalities.map((c) => ({ value: c, label: criticalityLabels[c] }))} />
      <Select name="lifecycle" label="Lifecycle" value={values.lifecycle} options={lifecycles.map((l) => ({ value: l, label: lifecycleLabels[l] }))} />
      <Select name="status" label="Status" value={values.status} options={integrationStatuses.map((v) => ({ value: v, label: statusLabels[v] }))} />
      <Item id="filter-tag" label="Tag">
        <input id="filter-tag" name="tag" defaultValue={values.tag ?? ""} placeholder="Any" autoComplete="off" />
      </Item>
      {/* Filters that have no control of their own (e.g. ?service= from a service page) survive a change of the others. */}
      {values.service && <input type="hidden" name="service" value={values.service} />}
      {sort && <input type="hidden" name="sort" value={sort} />}
      {limit && <input type="hidden" name="limit" value={limit} />}
      <div className={css.filterActions}>
        <button type="button" className={`btn ${css.filterToggle}`} aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          Filters{active ? ` (${active})` : ""}
        </button>
        <button className="btn btn-primary" type="submit">
          Apply
        </button>
      </div>
    </form>
  );
}
