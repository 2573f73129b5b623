// The foreign-format translators import, export and check use, in one place.
import { fromBackstage, toBackstage } from "./backstage";
import type { Translators } from "./formats";
import { fromOpenSlo, toOpenSlo } from "./openslo";
import type { CatalogDocument } from "./types";

export const translators: Translators = { backstage: fromBackstage, openslo: fromOpenSlo };

export const exporters: Record<"backstage" | "openslo", (documents: CatalogDocument[], options: { baseUrl: string }) => unknown[]> = {
  backstage: (documents, options) => toBackstage(documents, options),
  openslo: (documents) => toOpenSlo(documents),
};
