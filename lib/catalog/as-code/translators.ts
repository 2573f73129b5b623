// The foreign-format translators import, export and check use, in one place.
import { fromBackstage, toBackstage, type BackstageImportOptions } from "./backstage";
import type { Translators } from "./formats";
import { fromOpenSlo, toOpenSlo } from "./openslo";
import type { CatalogDocument } from "./types";

export const translators: Translators = { backstage: (sources, current) => fromBackstage(sources, current), openslo: fromOpenSlo };

/** The translators for one import: the Backstage one knows the default team and whether the caller may create teams. */
export const translatorsFor = (backstage: BackstageImportOptions): Translators => ({ ...translators, backstage: (sources, current) => fromBackstage(sources, current, backstage) });

export const exporters: Record<"backstage" | "openslo", (documents: CatalogDocument[], options: { baseUrl: string }) => unknown[]> = {
  backstage: (documents, options) => toBackstage(documents, options),
  openslo: (documents) => toOpenSlo(documents),
};
