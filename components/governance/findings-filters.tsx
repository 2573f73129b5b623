"use client";
// Filters for the findings page. The URL holds them (so a filtered view can be shared); changing one
// navigates, and the server page re-reads the findings.
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useOptimistic, useTransition } from "react";
import css from "./governance.module.css";

interface Option {
  value: string;
  label: string;
}

interface Props {
  rules: Option[];
  teams: Option[];
  journeys: Option[];
}

const GROUPINGS: Option[] = [
  { value: "rule", label: "Rule" },
  { value: "team", label: "Team" },
  { value: "integration", label: "Integration point" },
];

const SEVERITIES: Option[] = [
  { value: "error", label: "Errors" },
  { value: "warning", label: "Warnings" },
  { value: "info", label: "Info" },
];

export function FindingsFilters({ rules, teams, journeys }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  // The controls show the new choice at once; the URL (and the list) catch up when navigation ends.
  const [shown, setShown] = useOptimistic<URLSearchParams, [string, string | null]>(new URLSearchParams(params.toString()), (current, [name, value]) => {
    const next = new URLSearchParams(current.toString());
    if (value) next.set(name, value);
    else next.delete(name);
    return next;
  });

  function update(name: string, value: string | null) {
    const next = new URLSearchParams(shown.toString());
    if (value) next.set(name, value);
    else next.delete(name);
    // Another filter or grouping is another list: start it at its first page.
    next.delete("page");
    const query = next.toString();
    startTransition(() => {
      setShown([name, value]);
      router.push(query ? `${pathname}?${query}` : pathname, { scroll: false });
    });
  }

  const select = (name: string, label: string, options: Option[], all: string) => (
    <label>
      {label}
      <select value={shown.get(name) ?? ""} onChange={(e) => update(name, e.target.value || null)}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );

  const waived = shown.get("waived");
  const filtered = ["severity", "rule", "team", "journey", "waived"].some((k) => shown.has(k));
  return (
    <form className={`card ${css.filters}`} aria-label="Filter findings" aria-busy={pending} onSubmit={(e) => e.preventDefault()}>
      {select("groupBy", "Group by", GROUPINGS, "Severity")}
      {select("severity", "Severity", SEVERITIES, "All severities")}
      {select("rule", "Rule", rules, "All rules")}
      {select("team", "Team", teams, "All teams")}
      {select("journey", "Journey", journeys, "All journeys")}
      <label className={css.inline}>
        {/* Waived findings are shown by default (waived is not fixed); unticking hides them. */}
        <input type="checkbox" checked={waived !== "false"} onChange={(e) => update("waived", e.target.checked ? null : "false")} />
        Show waived
      </label>
      <div className="row">
        {filtered && (
          <Link className="btn btn-sm btn-ghost" href={shown.get("groupBy") ? `${pathname}?groupBy=${encodeURIComponent(shown.get("groupBy")!)}` : pathname} scroll={false}>
            Clear filters
          </Link>
        )}
        {pending && (
          <span className="muted" role="status">
            Updating…
          </span>
        )}
      </div>
    </form>
  );
}
