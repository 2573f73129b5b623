// The shapes catalog-as-code passes around (pure): Edgewise documents, parsed YAML documents with
// where they came from, and the issues reported against them. Translators for foreign formats
// (Backstage descriptors, OpenSLO) speak these too, so import and export treat every format alike.

export const API_VERSION = "edgewise.dev/v1";
export const KINDS = ["Team", "Service", "Integration", "Journey"] as const;
export type Kind = (typeof KINDS)[number];

/** One Edgewise YAML document: `metadata.name` is the slug, or an integration point's key. */
export interface CatalogDocument {
  apiVersion: typeof API_VERSION;
  kind: Kind;
  metadata: { name: string; annotations?: Record<string, string> };
  spec: Record<string, unknown>;
}

/** A YAML document as parsed, before validation, and where it sits. */
export interface SourceDocument {
  file: string;
  /** 0-based position of the document in its file. */
  index: number;
  /** 1-based line where the document starts, for editor and CI annotations. */
  line: number;
  value: unknown;
  /** 1-based line of each field by dotted path (`spec.budget.p99Ms`), so issues can point at it. */
  lines?: Record<string, number>;
}

export interface DocumentIssue {
  file: string;
  document: number;
  /** Dotted path to the field at fault, e.g. `spec.budget.p99Ms`; empty for the whole document. */
  path: string;
  message: string;
  severity: "error" | "warning";
  line?: number;
}

/**
 * What a translator of a foreign format returns. `current` (given to it) is the catalog as it
 * stands, in export form, for translators that amend existing entities (OpenSLO onto integrations).
 */
export interface TranslationResult {
  documents: CatalogDocument[];
  issues: DocumentIssue[];
  /**
   * Where each document (by `kind/name`) came from: the foreign document's file, index and the line
   * of the entity or relation it was made from, and the lines of its own fields (`spec.team` at the
   * entity's `spec.owner`), so issues and plan entries point at the foreign file. Missing: the first
   * document of the format.
   */
  origins?: Map<string, Origin>;
}

export type Origin = Omit<SourceDocument, "value">;
