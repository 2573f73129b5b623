// `{number}` in decision paths: the integer, optionally with `.md` for the Markdown export.
import { AppError } from "@/lib/errors";

export function parseNumberParam(raw: string): { number: number; markdown: boolean } {
  const match = /^(\d{1,9})(\.md)?$/.exec(raw);
  if (!match) throw new AppError("not_found", `No decision record ${raw}: use its number, e.g. /api/decisions/12`);
  return { number: Number(match[1]), markdown: Boolean(match[2]) };
}
