// Sorting a batch of parsed documents by format (pure): Edgewise documents go straight to validation;
// Backstage descriptors and OpenSLO documents go through their translators first; anything else is an
// error naming its apiVersion. Translators may amend entities the batch itself declares (OpenSLO onto
// an integration in the same folder): their document then replaces the batch's.
import type { CatalogDocument, DocumentIssue, SourceDocument, TranslationResult } from "./types";
import { API_VERSION } from "./types";
import { issueAt } from "./parse";

export type Translator = (sources: SourceDocument[], current: CatalogDocument[]) => TranslationResult;

export interface Translators {
  backstage?: Translator;
  openslo?: Translator;
}

const FOREIGN = { "backstage.io/v1alpha1": "backstage", "backstage.io/v1beta1": "backstage", "openslo/v1": "openslo" } as const;

const apiVersionOf = (value: unknown) => (typeof value === "object" && value !== null && "apiVersion" in value ? (value as { apiVersion: unknown }).apiVersion : undefined);

function identity(value: unknown): string | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as { kind?: unknown; metadata?: { name?: unknown } };
  return typeof v.kind === "string" && typeof v.metadata?.name === "string" ? `${v.kind}/${v.metadata.name.trim()}` : null;
}

/**
 * `current` is the stored catalog in export form; translators see it overlaid with the batch's own
 * Edgewise documents, so they amend what the files say rather than what the server holds.
 */
export function collectEdgewise(sources: SourceDocument[], current: CatalogDocument[], translators: Translators): { sources: SourceDocument[]; issues: DocumentIssue[] } {
  const issues: DocumentIssue[] = [];
  const edgewise: SourceDocument[] = [];
  const foreign: Record<"backstage" | "openslo", SourceDocument[]> = { backstage: [], openslo: [] };
  for (const source of sources) {
    const apiVersion = apiVersionOf(source.value);
    if (apiVersion === API_VERSION) edgewise.push(source);
    else if (typeof apiVersion === "string" && apiVersion in FOREIGN) foreign[FOREIGN[apiVersion as keyof typeof FOREIGN]].push(source);
    else if (apiVersion === undefined) issues.push(issueAt(source, "apiVersion", `apiVersion is missing: use ${API_VERSION} (or a Backstage or OpenSLO descriptor)`));
    else issues.push(issueAt(source, "apiVersion", `Unsupported apiVersion ${JSON.stringify(apiVersion)}: Edgewise reads ${API_VERSION}, backstage.io/v1alpha1 (or v1beta1) and openslo/v1`));
  }
  const overlay = new Map<string, CatalogDocument>();
  for (const d of current) overlay.set(`${d.kind}/${d.metadata.name}`, d);
  for (const s of edgewise) {
    const id = identity(s.value);
    if (id) overlay.set(id, s.value as CatalogDocument);
  }
  // Keyed by kind/name: a later translator's document (OpenSLO) replaces an earlier one's (Backstage).
  const translated = new Map<string, SourceDocument>();
  for (const format of ["backstage", "openslo"] as const) {
    const batch = foreign[format];
    if (batch.length === 0) continue;
    const translate = translators[format];
    if (!translate) {
      for (const s of batch) issues.push(issueAt(s, "apiVersion", `${format === "backstage" ? "Backstage" : "OpenSLO"} documents cannot be read here`));
      continue;
    }
    const result = translate(batch, [...overlay.values()]);
    issues.push(...result.issues);
    // Translated documents point back at the entity they came from (else the first of their format).
    const first = batch[0]!;
    result.documents.forEach((doc) => {
      const id = `${doc.kind}/${doc.metadata.name}`;
      overlay.set(id, doc);
      const origin = result.origins?.get(id) ?? { file: first.file, index: first.index, line: first.line };
      translated.set(id, { ...origin, value: doc });
    });
  }
  const kept = edgewise.filter((s) => !translated.has(identity(s.value) ?? ""));
  return { sources: [...kept, ...translated.values()], issues };
}
