"use client";
// The board's view in the URL: ranking (by drift / by time to breach) and the team filter.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import type { DriftSort } from "@/lib/slo/drift-row";
import { driftHref } from "./drift-href";
import css from "./drift.module.css";

export function DriftControls({ sort, team, teams }: { sort: DriftSort; team: string | undefined; teams: { slug: string; name: string }[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div className={`card ${css.controls}`} aria-busy={pending}>
      <div className="row" role="group" aria-label="Rank">
        {(
          [
            ["drift", "By drift"],
            ["breach", "By time to breach"],
          ] as const
        ).map(([value, label]) => (
          <Link key={value} href={driftHref({ sort: value, team })} className={`btn btn-sm ${sort === value ? "btn-primary" : ""}`} aria-current={sort === value ? "true" : undefined}>
            {label}
          </Link>
        ))}
      </div>
      <label className={css.team}>
        <span>Team</span>
        <select
          value={team ?? ""}
          onChange={(e) => {
            const next = e.target.value || undefined;
            startTransition(() => router.push(driftHref({ sort, team: next })));
          }}
        >
          <option value="">All teams</option>
          {teams.map((t) => (
            <option key={t.slug} value={t.slug}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
