// Reads a MADR Markdown file (front matter + sections) back into a decision record (pure).
// It understands what `toMadr` writes, and MADR 2, 3 and 4 files as the MADR project itself writes
// them: the number in the file name (`0005-use-dashes-in-filenames.md`), no date, `decision-makers`
// (MADR 4) or `deciders` (MADR 3) as a comma-separated string, any status word — one MADR does not
// define (`on hold`) becomes its nearest state with a warning that says so; MADR 2's metadata bullets
// (`* Status: accepted`) and adr-tools' (Nygard's) `# 1. Title`, `Date:` line and `## Status` section.
// The body is read with the remark parser (mdast), so headings in code blocks are not sections.
import type { Node, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { toString } from "mdast-util-to-string";
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

/** A heading or paragraph as plain words (HTML comments such as MADR 2's `<!-- optional -->` left out). */
const words = (node: Node) => toString(node, { includeHtml: false }).replace(/\s+/g, " ").trim();
const key = (node: Node) => words(node).toLowerCase().replace(/[:.]$/, "");

/** A part of the document: its heading (lower-cased words) and the nodes under it. */
interface Part {
  heading: string;
  title: string;
  nodes: RootContent[];
}

/** Groups a run of nodes under the headings of one depth (deeper headings stay inside their part). */
function partsAt(nodes: RootContent[], depth: number): Part[] {
  const out: Part[] = [{ heading: "", title: "", nodes: [] }];
  for (const n of nodes) {
    if (n.type === "heading" && n.depth <= depth) out.push({ heading: n.depth === depth ? key(n) : "", title: n.depth === depth ? words(n) : "", nodes: [] });
    else out[out.length - 1]!.nodes.push(n);
  }
  return out;
}

/** Reads a MADR or adr-tools body with the remark (mdast) parser: code blocks are never sections. */
function reader(body: string) {
  const slice = (nodes: { position?: { start: { offset?: number }; end: { offset?: number } } }[]) => {
    const from = nodes[0]?.position?.start.offset;
    const to = nodes[nodes.length - 1]?.position?.end.offset;
    return from === undefined || to === undefined ? "" : body.slice(from, to).trim();
  };
  const text = (nodes: RootContent[] | undefined) => {
    const t = slice(nodes ?? []);
    return PLACEHOLDERS.has(t) ? "" : t;
  };
  /** Each item of the part's bullet lists, as written (its first paragraph, on one line). */
  const bullets = (nodes: RootContent[] | undefined) =>
    (nodes ?? []).flatMap((n) => (n.type === "list" ? n.children : [])).map((item) => slice(item.children.slice(0, 1)).replace(/\s*\n\s*/g, " ")).filter(Boolean);
  return { slice, text, bullets };
}

/** The same section under the names MADR 4, 3 and 2 and Nygard's template (adr-tools) give it. */
const HEADINGS = {
  context: ["context and problem statement", "context", "context and problem"],
  drivers: ["decision drivers"],
  options: ["considered options", "options"],
  outcome: ["decision outcome", "decision"],
  prosCons: ["pros and cons of the options", "pros and cons"],
  status: ["status"],
  consequences: ["consequences"],
  confirmation: ["confirmation", "validation"],
};
const find = (parts: Part[], names: string[]) => parts.find((p) => names.includes(p.heading));

/** `Status: accepted` lines (MADR 2's bullets under the title, adr-tools' `Date:` line). */
function preambleFields(nodes: RootContent[], slice: ReturnType<typeof reader>["slice"]): Map<string, string> {
  const fields = new Map<string, string>();
  const lines = nodes.flatMap((n) => (n.type === "list" ? n.children.map((i) => slice(i.children)) : n.type === "paragraph" ? slice([n]).split("\n") : []));
  for (const line of lines) {
    const m = /^([A-Za-z][A-Za-z -]*?)\s*:\s*(.+)$/.exec(line.trim());
    if (m) fields.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  return fields;
}

const GOOD = /^good, because\s+/i;
const BAD = /^bad, because\s+/i;
const NEUTRAL = /^neutral, because\s+/i;
const commaList = (v: string | undefined) => (v ?? "").split(",").map((p) => p.trim()).filter(Boolean);

/** `21/02/2017` (adr-tools before its ISO 8601 decision) → `2017-02-21`. */
function isoDay(raw: string): { day: string; warning: string | null } {
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw.trim());
  if (!uk) return { day: raw.trim(), warning: null };
  const day = `${uk[3]}-${uk[2]!.padStart(2, "0")}-${uk[1]!.padStart(2, "0")}`;
  return { day, warning: `Date "${raw.trim()}" read as day/month/year (${day}), adr-tools' format before ISO 8601` };
}

export function parseMadr(file: string, source: string): ParsedMadr {
  const normalized = source.replace(/\r\n/g, "\n");
  // Front matter is optional: MADR 2 and adr-tools keep their metadata in the body.
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(normalized);
  let front: z.infer<typeof frontSchema>;
  try {
    const parsed = frontSchema.safeParse((match ? parseYaml(match[1]!) : null) ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new MadrError(file, issue.path.join("."), issue.message);
    }
    front = parsed.data;
  } catch (err) {
    if (err instanceof MadrError) throw err;
    throw new MadrError(file, "front matter", `not valid YAML: ${(err as Error).message}`);
  }
  const body = match ? match[2]! : normalized;
  const { slice, text, bullets } = reader(body);
  const tree = fromMarkdown(body);
  const warnings: ParsedMadr["warnings"] = [];

  // The title heading, what stands before the first section (MADR 2's bullets, adr-tools' Date), the sections.
  const h1 = tree.children.findIndex((n) => n.type === "heading" && n.depth === 1);
  const afterTitle = h1 >= 0 ? tree.children.slice(h1 + 1) : tree.children;
  const top = partsAt(afterTitle, 2);
  const preamble = preambleFields(top[0]!.nodes, slice);

  let title = h1 >= 0 ? words(tree.children[h1]!) : front.title;
  if (!title) throw new MadrError(file, "title", "no '# Title' heading and no title in the front matter");
  // adr-tools numbers its headings: `# 1. Record architecture decisions`.
  const numbered = /^(\d{1,9})\.\s+(.+)$/.exec(title);
  const number = front.number ?? numberFromFileName(file) ?? (numbered ? Number(numbered[1]) : null);
  if (number === null) throw new MadrError(file, "number", "no record number: give it in the front matter (number: 12) or the file name (0012-title.md)");
  if (numbered && Number(numbered[1]) === number) title = numbered[2]!;

  // Status: front matter, MADR 2's `* Status:` bullet, or Nygard's `## Status` section, where
  // adr-tools adds link lines ("Supersedes [1. …](…)") beside the status word.
  const statusSection = find(top, HEADINGS.status)?.nodes.filter((n) => n.type === "paragraph").map((n) => words(n)) ?? [];
  const statusWords =
    front.status ?? preamble.get("status") ?? statusSection.find((l) => /^superseded by\b/i.test(l)) ?? statusSection.find((l) => !/^(supersedes|amends|amended by|clarifies|clarified by)\b/i.test(l));
  const status = readStatus(statusWords);
  if (status.warning) warnings.push({ path: "status", message: status.warning });
  const supersededBy = front["superseded-by"] ?? status.supersededBy;
  if (supersededBy === number) throw new MadrError(file, "superseded-by", "a record cannot supersede itself");

  let date = front.date;
  const bodyDate = preamble.get("date");
  if (date === null && bodyDate) {
    const read = isoDay(bodyDate);
    const day = calendarDay.safeParse(read.day);
    if (!day.success) throw new MadrError(file, "date", day.error.issues[0]!.message);
    if (read.warning) warnings.push({ path: "date", message: read.warning });
    date = day.data;
  }

  const outcomePart = find(top, HEADINGS.outcome);
  const sub = partsAt(outcomePart?.nodes ?? [], 3);
  const consequenceItems = [...bullets(find(sub, HEADINGS.consequences)?.nodes)];
  const positive = consequenceItems.filter((i) => GOOD.test(i)).map((i) => i.replace(GOOD, ""));
  const negative = consequenceItems.filter((i) => BAD.test(i)).map((i) => i.replace(BAD, ""));
  // MADR 2: "Positive Consequences" and "Negative Consequences", plain bullets.
  positive.push(...bullets(find(sub, ["positive consequences"])?.nodes).map((i) => i.replace(GOOD, "")));
  negative.push(...bullets(find(sub, ["negative consequences"])?.nodes).map((i) => i.replace(BAD, "")));
  // What is neither good nor bad (MADR 3's Neutral, Nygard's prose) is kept, in the outcome's text.
  const unsorted = consequenceItems.filter((i) => !GOOD.test(i) && !BAD.test(i));
  const nygard = find(top, HEADINGS.consequences);
  let outcome = text(sub[0]!.nodes);
  const keep = [...(unsorted.length ? [unsorted.map((i) => `* ${i}`).join("\n")] : []), ...(nygard ? [text(nygard.nodes)] : [])].filter(Boolean);
  if (keep.length) {
    outcome = [outcome, "Consequences:", ...keep].filter(Boolean).join("\n\n");
    warnings.push({ path: "consequences", message: "Consequences not marked good or bad are kept in the outcome's text" });
  }

  const optionTitles = bullets(find(top, HEADINGS.options)?.nodes);
  const prosConsParts = partsAt(find(top, HEADINGS.prosCons)?.nodes ?? [], 3).slice(1);
  const prosCons = new Map(prosConsParts.map((p) => [p.title, bullets(p.nodes)]));
  const titles = optionTitles.length ? optionTitles : prosConsParts.map((p) => p.title);
  if ([...prosCons.values()].some((items) => items.some((i) => NEUTRAL.test(i)))) {
    warnings.push({ path: "options", message: "Neutral arguments of options are not kept (Edgewise records pros and cons)" });
  }

  const candidate = {
    title,
    context: text(find(top, HEADINGS.context)?.nodes),
    drivers: bullets(find(top, HEADINGS.drivers)?.nodes),
    options: titles.map((t) => {
      const items = prosCons.get(t) ?? [];
      return { title: t, pros: items.filter((i) => GOOD.test(i)).map((i) => i.replace(GOOD, "")), cons: items.filter((i) => BAD.test(i)).map((i) => i.replace(BAD, "")) };
    }),
    outcome,
    consequences: { positive, negative },
    confirmation: text((find(sub, HEADINGS.confirmation) ?? find(top, HEADINGS.confirmation))?.nodes),
    deciders: front["decision-makers"].length ? front["decision-makers"] : front.deciders.length ? front.deciders : commaList(preamble.get("deciders") ?? preamble.get("decision-makers")),
    consulted: front.consulted.length ? front.consulted : commaList(preamble.get("consulted")),
    informed: front.informed.length ? front.informed : commaList(preamble.get("informed")),
    tags: front.tags,
    integrations: front.integrations,
    journeys: front.journeys,
  };
  const content = decisionSchema.safeParse(candidate);
  if (!content.success) {
    const issue = content.error.issues[0]!;
    throw new MadrError(file, issue.path.join("."), issue.message);
  }
  return { number, status: status.status, date, author: front.author, supersededBy, content: content.data, warnings };
}
