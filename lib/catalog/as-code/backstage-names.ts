// Backstage's own rules for entity names, namespaces, kinds, tags and annotations, decided by
// @backstage/catalog-model's validators (the ones its catalog runs), so an import refuses what
// Backstage itself refuses; the messages say which rule in words (pure).
import { makeValidator } from "@backstage/catalog-model";

const validators = makeValidator();

/** metadata.name: 1 to 63 of [a-zA-Z0-9-_.], starting and ending with a letter or digit (`pay--ments` is fine). */
export function backstageNameProblem(name: string): string | null {
  if (validators.isValidEntityName(name)) return null;
  if (name.length < 1 || name.length > 63) return `"${name}" is not a Backstage name: 1 to 63 characters`;
  return `"${name}" is not a Backstage name: letters, digits, - _ and ., starting and ending with a letter or digit`;
}

/** metadata.namespace: a DNS label, 1 to 63 of [a-z0-9-], starting and ending with a letter or digit. */
export function backstageNamespaceProblem(namespace: string): string | null {
  return validators.isValidNamespace(namespace)
    ? null
    : `"${namespace}" is not a Backstage namespace: 1 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit`;
}

/** kind: a letter, then letters and digits, at most 63. */
export const backstageKindProblem = (kind: string): string | null =>
  validators.isValidKind(kind) ? null : `"${kind}" is not a Backstage kind: a letter, then letters and digits (at most 63)`;

/** metadata.tags: [a-z0-9:+#] runs joined by `-`, at most 63. */
export const backstageTagProblem = (tag: unknown): string | null =>
  validators.isValidTag(tag) ? null : `${JSON.stringify(tag)} is not a Backstage tag: lowercase letters, digits, : + and #, joined by single hyphens (at most 63)`;

export const isBackstageTag = (tag: unknown): tag is string => validators.isValidTag(tag);

/** Backstage's field checks on metadata beyond the name (tags, annotation keys and values), each with its path. */
export function backstageMetadataProblems(metadata: Record<string, unknown>): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const tags = metadata.tags;
  if (tags !== undefined && !Array.isArray(tags)) problems.push({ path: "metadata.tags", message: "metadata.tags is a list of tags" });
  (Array.isArray(tags) ? tags : []).forEach((tag, i) => {
    const problem = backstageTagProblem(tag);
    if (problem) problems.push({ path: `metadata.tags.${i}`, message: problem });
  });
  const annotations = metadata.annotations;
  if (annotations !== undefined && (annotations === null || typeof annotations !== "object" || Array.isArray(annotations))) {
    problems.push({ path: "metadata.annotations", message: "metadata.annotations is a mapping of keys to strings" });
  } else {
    for (const [key, value] of Object.entries((annotations ?? {}) as Record<string, unknown>)) {
      if (!validators.isValidAnnotationKey(key)) problems.push({ path: `metadata.annotations.${key}`, message: `"${key}" is not a Backstage annotation key: an optional DNS prefix and /, then a name` });
      else if (!validators.isValidAnnotationValue(value)) problems.push({ path: `metadata.annotations.${key}`, message: `The annotation ${key} must be a string (quote it)` });
    }
  }
  return problems;
}

/** `[kind:][namespace/]name`, each part checked; the kind a reference implies when it is left out. */
export function parseBackstageRef(ref: string, defaultKind: string, defaultNamespace = "default"): { kind: string; namespace: string; name: string; problem: string | null } {
  const colon = ref.indexOf(":");
  const kind = colon >= 0 ? ref.slice(0, colon) : defaultKind;
  const rest = colon >= 0 ? ref.slice(colon + 1) : ref;
  const slash = rest.indexOf("/");
  const namespace = slash >= 0 ? rest.slice(0, slash) : defaultNamespace;
  const name = slash >= 0 ? rest.slice(slash + 1) : rest;
  const problem = backstageKindProblem(kind) ?? backstageNamespaceProblem(namespace) ?? backstageNameProblem(name);
  return { kind: kind.toLowerCase(), namespace, name, problem: problem && `Reference "${ref}": ${problem}` };
}
