// Teams with their members and services, the teams the reader belongs to marked as theirs.
import Link from "next/link";
import type { TeamView } from "@/lib/admin/teams";
import { plural } from "@/lib/format/plural";
import css from "./catalog.module.css";

export function TeamsTable({ teams, mine }: { teams: TeamView[]; mine: Set<string> }) {
  return (
    <div className="table-wrap">
      <table data-testid="teams-table" className={css.table}>
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col" className={css.num}>Services</th>
            <th scope="col">Members</th>
          </tr>
        </thead>
        <tbody>
          {teams.map((t) => (
            <tr key={t.slug} data-testid="team-row" data-slug={t.slug} data-kb-row>
              <td>
                <Link href={`/teams/${t.slug}`}>
                  <strong>{t.name}</strong>
                </Link>{" "}
                {mine.has(t.slug) && <span className="badge">Your team</span>}
                <div className="muted mono">{t.slug}</div>
              </td>
              <td className={css.num}>{t.serviceCount ?? 0}</td>
              <td className="muted">{plural(t.members?.length ?? 0, "member")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
