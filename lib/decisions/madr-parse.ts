// Reads a MADR Markdown file (front matter + sections) back into a decision record (pure).
// It understands what `toMadr` writes, and the usual hand-written MADR layout.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { calendarDay, decisionSchema, recordNumber, type DecisionContent } from "./schema";
import { decisionStatuses, type DecisionStatus } from "./workflow";

export interface ParsedMadr {
  number: number;
  status: DecisionStatus;
  date: string;
  author: string;
  supersededBy: number | null;
  content: DecisionContent;
}

export class MadrError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    message: string,
  ) {
    super(`${file}: ${path ? `${path}: ` : ""}${message}`);
  }
}

const frontSchema = z.object({
  number: recordNumber,
  title: z.string().min(1).optional(),
  status: z.enum(decisionStatuses).default("draft"),
  // YAML may hand a timestamp over as a Date, an impossible one as an Invalid Date.
  date: z.union([z.string(), z.date()]).transform((d) => (!(d instanceof Date) ? d : Number.isNaN(d.getTime()) ? "invalid" : d.toISOString().slice(0, 10))).pipe(calendarDay),
  author: z.string().default("import"),
  deciders: z.array(z.string()).default([]),
  consulted: z.array(z.string()).default([]),
  informed: z.array(z.string()).default([]),
  tags: z.array(z.string()).default([]),
  integrations: z.array(z.string()).default([]),
  journeys: z.array(z.string()).default([]),
  "superseded-by": recordNumber.nullish().transform((v) => v ?? null),
});

const PLACEHOLDERS = new Set(["_Not written yet._", "_Not decided yet._", "_No pros or cons recorded._"]);
const text = (s: string | undefined) => {
  const t = (s ?? "").trim();
  return PLACEHOLDERS.has(t) ? "" : t;
};
const bulletItems = (s: string | undefined) =>
  (s ?? "")
    .split("\n")
    .map((l) => /^\s*[*-]\s+(.*)$/.exec(l)?.[1]?.trim())
    .filter((l): l is string => Boolean(l));

/** Splits Markdown into sections by heading text, at the given heading level only. */
function sections(body: string, level: number): { heading: string; text: string }[] {
  const marker = `${"#".repeat(level)} `;
  const out: { heading: string; text: string }[] = [];
  let current: { heading: string; lines: string[] } = { heading: "", lines: [] };
  for (const line of body.split("\n")) {
    if (line.startsWith(marker)) {
      out.push({ heading: current.heading, text: current.lines.join("\n") });
      current = { heading: line.slice(marker.length).trim(), lines: [] };
    } else {
      current.lines.push(line);
    }
  }
  out.push({ heading: current.heading, text: current.lines.join("\n") });
  return out;
}

export function parseMadr(file: string, source: string): ParsedMadr {
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(source.replace(/\r\n/g, "\n"));
  if (!match) throw new MadrError(file, "", "missing front matter (a --- block with at least number and date)");
  let front: z.infer<typeof frontSchema>;
  try {
    const parsed = frontSchema.safeParse(parseYaml(match[1]!));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new MadrError(file, issue.path.join("."), issue.message);
    }
    front = parsed.data;
    if (front["superseded-by"] === front.number) throw new MadrError(file, "superseded-by", "a record cannot supersede itself");
  } catch (err) {
    if (err instanceof MadrError) throw err;
    throw new MadrError(file, "front matter", `not valid YAML: ${(err as Error).message}`);
  }
  const body = match[2]!;
  const title = /^# (.+)$/m.exec(body)?.[1]?.trim() ?? front.title;
  if (!title) throw new MadrError(file, "title", "no '# Title' heading and no title in the front matter");

  const top = new Map(sections(body, 2).map((s) => [s.heading.toLowerCase(), s.text]));
  const outcomeParts = sections(top.get("decision outcome") ?? "", 3);
  const sub = new Map(outcomeParts.map((s) => [s.heading.toLowerCase(), s.text]));
  const consequences = bulletItems(sub.get("consequences"));
  const optionTitles = bulletItems(top.get("considered options"));
  const prosCons = new Map(sections(top.get("pros and cons of the options") ?? "", 3).map((s) => [s.heading, bulletItems(s.text)]));
  const goodBad = (items: string[], kind: "Good" | "Bad") => items.filter((i) => i.startsWith(`${kind}, because `)).map((i) => i.slice(`${kind}, because `.length));

  const candidate = {
    title,
    context: text(top.get("context and problem statement")),
    drivers: bulletItems(top.get("decision drivers")),
    options: optionTitles.map((t) => ({ title: t, pros: goodBad(prosCons.get(t) ?? [], "Good"), cons: goodBad(prosCons.get(t) ?? [], "Bad") })),
    outcome: text(outcomeParts[0]?.text),
    consequences: { positive: goodBad(consequences, "Good"), negative: goodBad(consequences, "Bad") },
    confirmation: text(sub.get("confirmation")),
    deciders: front.deciders,
    consulted: front.consulted,
    informed: front.informed,
    tags: front.tags,
    integrations: front.integrations,
    journeys: front.journeys,
  };
  const content = decisionSchema.safeParse(candidate);
  if (!content.success) {
    const issue = content.error.issues[0]!;
    throw new MadrError(file, issue.path.join("."), issue.message);
  }
  return { number: front.number, status: front.status, date: front.date, author: front.author, supersededBy: front["superseded-by"], content: content.data };
}
