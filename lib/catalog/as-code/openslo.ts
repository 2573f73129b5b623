// OpenSLO v1 SLO documents onto integration points (pure): each SLO is matched to an integration by
// its `edgewise.dev/integration` annotation (or label), else by the name toOpenSlo gives it, and
// its target and window replace that integration's declared SLO. Export lives in openslo-export.ts.
import { sloSchema } from "@/lib/catalog/integration-schema";
import { asRecord, asString } from "./names";
import { INTEGRATION_ANNOTATION, OBJECTIVE_ANNOTATION, OPENSLO_API_VERSION, sloName, sloOf, type Objective, type Slo } from "./openslo-export";
import { issueAt } from "./parse";
import type { CatalogDocument, DocumentIssue, SourceDocument, TranslationResult } from "./types";

export { toOpenSlo } from "./openslo-export";

/** `28d` or `4w` as days; OpenSLO's months, quarters and years have no fixed length in days. */
function windowDaysOf(duration: string): number | null {
  const m = /^(\d+)([dw])$/.exec(duration);
  return m ? Number(m[1]) * (m[2] === "w" ? 7 : 1) : null;
}

/** 0.9995 → 99.95 without binary noise. */
function percentOf(target: number): number {
  return Number((target * 100).toFixed(9));
}

interface Update {
  source: SourceDocument;
  integration: CatalogDocument;
  slo: Partial<Slo>;
}

export function fromOpenSlo(sources: SourceDocument[], current: CatalogDocument[]): TranslationResult {
  const issues: DocumentIssue[] = [];
  const issue = (source: SourceDocument, path: string, message: string, severity: DocumentIssue["severity"] = "error") => issues.push(issueAt(source, path, message, severity));
  const integrations = current.filter((d) => d.kind === "Integration");
  const byKey = new Map(integrations.map((i) => [i.metadata.name, i]));
  const slis = new Map<string, Record<string, unknown>>();
  for (const s of sources) {
    const v = asRecord(s.value);
    const name = asString(asRecord(v?.metadata)?.name);
    if (v?.kind === "SLI" && name) slis.set(name, asRecord(v.spec) ?? {});
  }

  const updates = new Map<string, Update[]>();
  for (const source of sources) {
    const value = asRecord(source.value);
    if (!value || value.apiVersion !== OPENSLO_API_VERSION) {
      issue(source, "apiVersion", `Not an OpenSLO v1 document: apiVersion should be ${OPENSLO_API_VERSION}`);
      continue;
    }
    const metadata = asRecord(value.metadata) ?? {};
    const name = asString(metadata.name) ?? "";
    if (value.kind !== "SLO") {
      issue(source, "kind", `OpenSLO ${String(value.kind)} ${name} ignored: only SLO documents are imported (their alerting follows from the SLO)`, "warning");
      continue;
    }
    const spec = asRecord(value.spec) ?? {};
    const tagged = asString(asRecord(metadata.annotations)?.[INTEGRATION_ANNOTATION]) ?? asString(asRecord(metadata.labels)?.[INTEGRATION_ANNOTATION]);
    const service = asString(spec.service);
    const named = integrations.filter(
      (i) => (sloName(i.metadata.name, "availability") === name || sloName(i.metadata.name, "latency") === name) && (!service || service === i.spec.sourceService),
    );
    const integration = tagged ? byKey.get(tagged) : named.length === 1 ? named[0] : undefined;
    if (!integration) {
      issue(
        source,
        tagged ? `metadata.annotations.${INTEGRATION_ANNOTATION}` : "metadata.name",
        tagged
          ? `No integration point ${tagged} in the catalog`
          : `SLO ${name} matches no integration point: annotate it with ${INTEGRATION_ANNOTATION}: <source->target:operation>`,
      );
      continue;
    }
    const objective = objectiveOf(metadata, name, integration.metadata.name, spec, slis);
    if (!objective) {
      issue(source, `metadata.annotations.${OBJECTIVE_ANNOTATION}`, `Say whether SLO ${name} is the availability or the latency objective (annotation ${OBJECTIVE_ANNOTATION})`);
      continue;
    }
    const slo = readSlo(source, spec, objective, integration, issue);
    if (slo) updates.set(integration.metadata.name, [...(updates.get(integration.metadata.name) ?? []), { source, integration, slo }]);
  }

  const documents: CatalogDocument[] = [];
  for (const [key, list] of [...updates].sort(([a], [b]) => a.localeCompare(b))) {
    const windows = new Set(list.map((u) => u.slo.windowDays).filter((w) => w !== undefined));
    if (windows.size > 1) {
      for (const u of list) issue(u.source, "spec.timeWindow", `The SLOs of ${key} disagree on the window (${[...windows].join(" vs ")} days); Edgewise holds one window per integration`);
      continue;
    }
    const integration = list[0]!.integration;
    const merged = Object.assign({ ...sloOf(integration) }, ...list.map((u) => u.slo)) as Slo;
    const checked = sloSchema.safeParse(merged);
    if (!checked.success) {
      for (const e of checked.error.issues) issue(list[0]!.source, e.path[0] === "windowDays" ? "spec.timeWindow.0.duration" : "spec.objectives.0", e.message);
      continue;
    }
    documents.push({ ...integration, spec: { ...integration.spec, slo: checked.data } });
  }
  return { documents, issues };
}

function objectiveOf(metadata: Record<string, unknown>, name: string, key: string, spec: Record<string, unknown>, slis: Map<string, Record<string, unknown>>): Objective | null {
  const declared = asString(asRecord(metadata.annotations)?.[OBJECTIVE_ANNOTATION]) ?? asString(asRecord(metadata.labels)?.objective);
  if (declared === "availability" || declared === "latency") return declared;
  if (name === sloName(key, "availability")) return "availability";
  if (name === sloName(key, "latency")) return "latency";
  const ref = asString(spec.indicatorRef);
  const indicator = asRecord(asRecord(spec.indicator)?.spec) ?? (ref ? slis.get(ref) : undefined);
  if (indicator?.ratioMetric) return "availability";
  if (indicator?.thresholdMetric) return "latency";
  return null;
}

function readSlo(
  source: SourceDocument,
  spec: Record<string, unknown>,
  objective: Objective,
  integration: CatalogDocument,
  issue: (source: SourceDocument, path: string, message: string, severity?: DocumentIssue["severity"]) => void,
): Partial<Slo> | null {
  const slo: Partial<Slo> = {};
  const objectives = Array.isArray(spec.objectives) ? spec.objectives : [];
  if (objectives.length !== 1) {
    issue(source, "spec.objectives", `Edgewise holds one ${objective} target per integration: give exactly one objective (found ${objectives.length})`);
    return null;
  }
  const o = asRecord(objectives[0]) ?? {};
  const percent = typeof o.target === "number" ? percentOf(o.target) : typeof o.targetPercent === "number" ? o.targetPercent : null;
  if (percent === null) {
    issue(source, "spec.objectives.0", "The objective needs a target (a fraction, e.g. 0.999) or a targetPercent");
    return null;
  }
  slo[objective === "availability" ? "successTargetPercent" : "latencyTargetPercent"] = percent;
  const budgetMs = (integration.spec.budget as { p99Ms?: number } | undefined)?.p99Ms;
  if (objective === "latency" && typeof o.value === "number" && o.value !== budgetMs) {
    issue(source, "spec.objectives.0.value", `The threshold ${o.value} ms differs from the declared p99 budget (${budgetMs} ms); only the SLO target is imported, change the budget in the catalog`, "warning");
  }
  if (spec.budgetingMethod !== undefined && spec.budgetingMethod !== "Occurrences") {
    issue(source, "spec.budgetingMethod", `Edgewise counts occurrences (calls); ${String(spec.budgetingMethod)} is read as Occurrences`, "warning");
  }
  const window = asRecord(Array.isArray(spec.timeWindow) ? spec.timeWindow[0] : null);
  if (window) {
    const duration = asString(window.duration) ?? "";
    const days = windowDaysOf(duration);
    if (days === null) {
      issue(source, "spec.timeWindow.0.duration", `Edgewise SLO windows are whole days: write the window as days or weeks (e.g. 28d, 4w), not "${duration}"`);
      return null;
    }
    if (window.isRolling === false || window.calendar) issue(source, "spec.timeWindow.0", "Edgewise SLO windows are rolling; the calendar-aligned window is read as rolling", "warning");
    slo.windowDays = days;
  }
  return slo;
}
