// MADR Markdown for a decision record (pure): front matter, then the MADR sections.
import { evidenceMadr } from "./evidence-markdown";
import type { EvidenceItem } from "./evidence-schema";
import type { DecisionView } from "./records";
import { formatNumber } from "./workflow";

const yamlString = (v: string) => JSON.stringify(v); // JSON strings are valid YAML scalars
const yamlList = (items: string[]) => (items.length ? `[${items.map(yamlString).join(", ")}]` : "[]");
const bullets = (items: string[]) => items.map((i) => `* ${i}`).join("\n");

/** `evidence` (stored items) becomes a trailing "Evidence" section, which MADR import leaves alone. */
export function toMadr(d: DecisionView, evidence: EvidenceItem[] = []): string {
  // MADR 4's fields first (status, date, decision-makers, consulted, informed), then Edgewise's own.
  const front = [
    "---",
    `status: ${d.status === "superseded" && d.supersededBy !== null ? yamlString(`superseded by ${formatNumber(d.supersededBy)}`) : d.status}`,
    `date: ${(d.decidedAt ?? d.proposedAt ?? d.createdAt).slice(0, 10)}`,
    `decision-makers: ${yamlList(d.deciders)}`,
    `consulted: ${yamlList(d.consulted)}`,
    `informed: ${yamlList(d.informed)}`,
    `number: ${d.number}`,
    `author: ${yamlString(d.author)}`,
    `tags: ${yamlList(d.tags)}`,
    `integrations: ${yamlList(d.integrations)}`,
    `journeys: ${yamlList(d.journeys)}`,
    `supersedes: ${d.supersedes ?? "null"}`,
    `superseded-by: ${d.supersededBy ?? "null"}`,
    "---",
  ];
  const sections: string[] = [`# ${d.title}`, "## Context and Problem Statement", d.context.trim() || "_Not written yet._"];
  if (d.drivers.length) sections.push("## Decision Drivers", bullets(d.drivers));
  if (d.options.length) {
    sections.push("## Considered Options", bullets(d.options.map((o) => o.title)));
  }
  sections.push("## Decision Outcome", d.outcome.trim() || "_Not decided yet._");
  if (d.consequences.positive.length || d.consequences.negative.length) {
    sections.push("### Consequences", [...d.consequences.positive.map((c) => `* Good, because ${c}`), ...d.consequences.negative.map((c) => `* Bad, because ${c}`)].join("\n"));
  }
  if (d.confirmation.trim()) sections.push("### Confirmation", d.confirmation.trim());
  if (d.options.some((o) => o.pros.length || o.cons.length)) {
    sections.push("## Pros and Cons of the Options");
    for (const o of d.options) {
      sections.push(`### ${o.title}`, [...o.pros.map((p) => `* Good, because ${p}`), ...o.cons.map((c) => `* Bad, because ${c}`)].join("\n") || "_No pros or cons recorded._");
    }
  }
  const extra = evidenceMadr(evidence);
  if (extra) sections.push(extra);
  return `${front.join("\n")}\n\n${sections.join("\n\n")}\n`;
}

/** MADR's file name: `0012-authorize-payments-asynchronously.md` (the number alone when the title has no latin letters or digits). */
export function madrFileName(number: number, title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${String(number).padStart(4, "0")}${slug ? `-${slug}` : ""}.md`;
}
