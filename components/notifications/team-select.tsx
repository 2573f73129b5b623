"use client";
// The team picker of the channel and rule forms: the teams the API lists, with a first "any" choice.
import { useTeams } from "@/components/admin/queries";

export function TeamSelect({ anyLabel }: { anyLabel: string }) {
  const teams = useTeams();
  return (
    <label>
      Team
      <select name="team" defaultValue="">
        <option value="">{anyLabel}</option>
        {teams.data?.map((t) => (
          <option key={t.slug} value={t.slug}>{t.name}</option>
        ))}
      </select>
    </label>
  );
}
