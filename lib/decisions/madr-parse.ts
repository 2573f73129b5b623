// Reads a MADR Markdown file (front matter + sections) back into a decision record (pure).
// It understands what `toMadr` writes, and MADR 2, 3 and 4 files as the MADR project itself writes
// them: the number in the file name (`0005-use-dashes-in-filenames.md`), no date, `decision-makers`
// (MADR 4) or `deciders` (MADR 3) as a comma-separated string, any status word — one MADR does not
// define (`on hold`) becomes its nearest state with a warning that says so.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { calendarDay, decisionSchema, recordNumber, type DecisionContent } from "./schema";
import { decisionStatuses, type DecisionStatus } from "./workflow";

export interface ParsedMadr {
  number: number;
  status: DecisionStatus;
  /** The file's `date`, or null when it gives none (MADR makes it optional). */
  date: string | null;
  author: string;
  supersededBy: number | null;
  content: DecisionContent;
  /** What was read other than as written (a status mapped to its nearest state, a missing one). */
  warnings: { path: string; message: string }[];
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

/** People as MADR writes them: a YAML list, or one comma-separated string. */
const people = z
  .union([z.array(z.string()), z.string()])
  .nullish()
  .transform((v) => (v == null ? [] : Array.isArray(v) ? v : v.split(",")).map((p) => p.trim()).filter(Boolean));

const frontSchema = z.object({
  number: recordNumber.optional(),
  title: z.string().min(1).optional(),
  status: z.union([z.string(), z.number()]).nullish(),
  // YAML may hand a timestamp over as a Date, an impossible one as an Invalid Date.
  date: z
    .union([z.string(), z.date()])
    .transform((d) => (!(d instanceof Date) ? d : Number.isNaN(d.getTime()) ? "invalid" : d.toISOString().slice(0, 10)))
    .pipe(calendarDay)
    .nullish()
    .transform((d) => d ?? null),
  author: z.string().default("import"),
  "decision-makers": people,
  deciders: people,
  consulted: people,
  informed: people,
  tags: z.array(z.string()).default([]),
  integrations: z.array(z.string()).default([]),
  journeys: z.array(z.string()).default([]),
  "superseded-by": recordNumber.nullish().transform((v) => v ?? null),
});

/** Status words MADR files use that Edgewise's workflow does not have, and the state nearest each. */
const NEAREST: Record<string, DecisionStatus> = {
  "on hold": "draft",
  "on-hold": "draft",
  wip: "draft",
  "in progress": "draft",
  open: "draft",
  approved: "accepted",
  decided: "accepted",
  done: "accepted",
  declined: "rejected",
  obsolete: "deprecated",
  retired: "deprecated",
};

/** The workflow state a file's status words stand for, the successor they name, and any warning. */
export function readStatus(raw: string | number | null | undefined): { status: DecisionStatus; supersededBy: number | null; warning: string | null } {
  if (raw == null || String(raw).trim() === "") return { status: "draft", supersededBy: null, warning: "The file gives no status; imported as draft" };
  const words = String(raw).trim().toLowerCase();
  if ((decisionStatuses as readonly string[]).includes(words)) return { status: words as DecisionStatus, supersededBy: null, warning: null };
  // MADR writes "superseded by ADR-0123" or "superseded by [ADR-0005](0005-example.md)".
  const superseded = /^superseded by\b\D*(\d{1,9})/.exec(words);
  if (superseded) return { status: "superseded", supersededBy: Number(superseded[1]), warning: null };
  const nearest = NEAREST[words];
  if (nearest) return { status: nearest, supersededBy: null, warning: `Status "${String(raw).trim()}" is not one of Edgewise's; imported as ${nearest}, the nearest state` };
  return { status: "draft", supersededBy: null, warning: `Status "${String(raw).trim()}" is not known; imported as draft` };
}

/** `0005-use-dashes-in-filenames.md` → 5: MADR and adr-tools keep the number in the file name. */
export function numberFromFileName(file: string): number | null {
  const match = /^(\d{1,9})(?=[-_. ])/.exec(file.split("/").pop() ?? "");
  return match ? Number(match[1]) : null;
}

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
  // Headings inside fenced code (a record quoting a template, as MADR's own do) are text, not sections.
  let fence: string | null = null;
  for (const line of body.split("\n")) {
    const opener = /^\s*(```|~~~)/.exec(line)?.[1];
    if (opener) fence = fence === null ? opener : fence === opener ? null : fence;
    if (fence === null && !opener && line.startsWith(marker)) {
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
  if (!match) throw new MadrError(file, "", "missing front matter (a --- block, e.g. with status and date)");
  let front: z.infer<typeof frontSchema>;
  try {
    const parsed = frontSchema.safeParse(parseYaml(match[1]!));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new MadrError(file, issue.path.join("."), issue.message);
    }
    front = parsed.data;
  } catch (err) {
    if (err instanceof MadrError) throw err;
    throw new MadrError(file, "front matter", `not valid YAML: ${(err as Error).message}`);
  }
  const number = front.number ?? numberFromFileName(file);
  if (number === null) throw new MadrError(file, "number", "no record number: give it in the front matter (number: 12) or the file name (0012-title.md)");
  const status = readStatus(front.status);
  const supersededBy = front["superseded-by"] ?? status.supersededBy;
  if (supersededBy === number) throw new MadrError(file, "superseded-by", "a record cannot supersede itself");
  const warnings = status.warning ? [{ path: "status", message: status.warning }] : [];
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
    deciders: front["decision-makers"].length ? front["decision-makers"] : front.deciders,
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
  return { number, status: status.status, date: front.date, author: front.author, supersededBy, content: content.data, warnings };
}
