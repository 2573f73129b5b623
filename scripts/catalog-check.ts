// `edgewise check`: validates catalog YAML and runs the declaration-level policy rules on it, offline
// (no server, no database: references the files cannot resolve are warnings, not errors), and
// reports by file as text, JSON or GitHub Actions annotations.
import fs from "node:fs";
import path from "node:path";
import { collectEdgewise } from "../lib/catalog/as-code/formats";
import { sortIssues } from "../lib/catalog/as-code/issues";
import { issueAt, parseYamlFiles, type SourceFile } from "../lib/catalog/as-code/parse";
import { normalizeDeclaration } from "../lib/catalog/as-code/state";
import { translators } from "../lib/catalog/as-code/translators";
import type { DocumentIssue } from "../lib/catalog/as-code/types";
import { referenceIssues, validateDocuments, type Batch } from "../lib/catalog/as-code/validate";
import { evaluatePolicies } from "../lib/governance/evaluate";
import type { JourneyContext, PolicyContext } from "../lib/governance/rule-types";
import { rules } from "../lib/governance/rules";
import { observedRules } from "../lib/governance/rules/observed";

export const checkFormats = ["text", "json", "github"] as const;
export type CheckFormat = (typeof checkFormats)[number];

export interface CheckIssue extends Omit<DocumentIssue, "severity"> {
  severity: "error" | "warning" | "notice";
  /** The policy rule behind a finding; absent for validation issues. */
  rule?: string;
}

export interface CheckReport {
  files: string[];
  documents: number;
  issues: CheckIssue[];
  errors: number;
  warnings: number;
}

const YAML_FILE = /\.ya?ml$/i;

/** The YAML files named, folders searched recursively (in name order, so reports are stable). */
export function collectFiles(paths: string[]): string[] {
  const found: string[] = [];
  const visit = (p: string) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) throw new Error(`No such file or folder: ${p}`);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) {
        const full = path.join(p, entry);
        if (fs.statSync(full).isDirectory() ? !entry.startsWith(".") && entry !== "node_modules" : YAML_FILE.test(entry)) visit(full);
      }
    } else found.push(p);
  };
  paths.forEach(visit);
  return [...new Set(found)];
}

/** Declaration-level policy findings: every rule that reads declarations, not telemetry. */
function findings(batch: Batch, today: string): CheckIssue[] {
  const services = new Map(batch.services.map((s) => [s.name, s.value]));
  const telemetryNameOf = (slug: string) => services.get(slug)?.telemetryName ?? slug;
  const declarations = new Map(batch.integrations.map((i) => [i.name, normalizeDeclaration(i.value, telemetryNameOf)]));
  const journeys: JourneyContext[] = batch.journeys
    // A journey whose steps are not all in the files cannot be composed here; the server checks it.
    .filter((j) => j.value.steps.every((s) => declarations.has(s)))
    .map((j) => ({
      slug: j.name,
      name: j.value.name,
      budgetP99Ms: j.value.budgetP99Ms,
      criticality: j.value.criticality,
      steps: j.value.steps.map((s) => declarations.get(s)!).filter((d) => d.lifecycle !== "retired"),
    }));
  const ctx: PolicyContext = { integrations: [...declarations.values()].filter((d) => d.lifecycle !== "retired"), journeys, today };
  const declarationRules = rules.filter((r) => !observedRules.includes(r));
  const sourceOf = new Map([...batch.integrations.map((i) => [`i:${i.name}`, i.source] as const), ...batch.journeys.map((j) => [`j:${j.name}`, j.source] as const)]);
  return evaluatePolicies(declarationRules, ctx, new Map(), [], new Date(`${today}T00:00:00Z`)).flatMap((f) => {
    const source = (f.integration && sourceOf.get(`i:${f.integration}`)) || (f.journey && sourceOf.get(`j:${f.journey}`));
    if (!source) return [];
    const at = issueAt(source, "metadata.name", `${f.message} (${f.remediation})`);
    return [{ ...at, path: "", severity: f.severity === "info" ? "notice" : f.severity, rule: f.rule }];
  });
}

export function checkSources(files: SourceFile[], today: string): CheckReport {
  const parsed = parseYamlFiles(files);
  const collected = collectEdgewise(parsed.sources, [], translators);
  const { batch, issues: invalid } = validateDocuments(collected.sources);
  const none = new Set<string>();
  const references = referenceIssues(batch, { teams: none, services: none, integrations: none }, "warning");
  const issues = sortIssues([...parsed.issues, ...collected.issues, ...invalid, ...references, ...findings(batch, today)] as DocumentIssue[]) as CheckIssue[];
  return {
    files: files.map((f) => f.name),
    documents: parsed.sources.length,
    issues,
    errors: issues.filter((i) => i.severity === "error").length,
    warnings: issues.filter((i) => i.severity === "warning").length,
  };
}

/** The files' contents, named relative to the working directory as CI annotations expect. */
export function readCatalogFiles(paths: string[]): SourceFile[] {
  return collectFiles(paths).map((name) => ({ name: path.relative(process.cwd(), name) || name, content: fs.readFileSync(name, "utf8") }));
}

export function checkPaths(paths: string[], today = new Date().toISOString().slice(0, 10)): CheckReport {
  return checkSources(readCatalogFiles(paths), today);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function formatText(report: CheckReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    const issues = report.issues.filter((i) => i.file === file);
    lines.push(`${issues.length === 0 ? "✓" : issues.some((i) => i.severity === "error") ? "✗" : "!"} ${file}`);
    for (const i of issues) {
      const where = `${i.line ?? "-"}`.padStart(5);
      lines.push(`${where}  ${i.severity.padEnd(7)}  ${i.path ? `${i.path}: ` : ""}${i.message}${i.rule ? `  [${i.rule}]` : ""}`);
    }
  }
  lines.push("", `${plural(report.files.length, "file")}, ${plural(report.documents, "document")}: ${plural(report.errors, "error")}, ${plural(report.warnings, "warning")}.`);
  return lines.join("\n");
}

/** GitHub Actions workflow commands: property values and messages escaped as the runner expects. */
const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

function formatGithub(report: CheckReport): string {
  const lines = report.issues.map((i) => {
    const title = i.rule ?? `${i.severity === "error" ? "Invalid" : "Check"} ${i.path || "document"}`;
    return `::${i.severity} file=${escapeProperty(i.file)},line=${i.line ?? 1},title=${escapeProperty(title)}::${escapeData(`${i.path && !i.rule ? `${i.path}: ` : ""}${i.message}`)}`;
  });
  lines.push(`${plural(report.files.length, "file")}, ${plural(report.documents, "document")}: ${plural(report.errors, "error")}, ${plural(report.warnings, "warning")}.`);
  return lines.join("\n");
}

export function formatReport(report: CheckReport, format: CheckFormat): string {
  if (format === "json") return JSON.stringify(report, null, 2);
  return format === "github" ? formatGithub(report) : formatText(report);
}
