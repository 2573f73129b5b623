// Backstage's own rules for entity names, namespaces and kinds (its descriptor format, as
// @backstage/catalog-model validates them), so an import refuses what Backstage itself refuses (pure).

/** metadata.name: 1 to 63 characters, runs of [a-zA-Z0-9] joined by single `-`, `_` or `.`. */
export function backstageNameProblem(name: string): string | null {
  if (name.length < 1 || name.length > 63) return `"${name}" is not a Backstage name: 1 to 63 characters`;
  if (!/^[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/.test(name)) return `"${name}" is not a Backstage name: letters and digits, joined by single - _ or .`;
  return null;
}

/** metadata.namespace: a DNS label, 1 to 63 characters of [a-z0-9] joined by single `-`. */
export function backstageNamespaceProblem(namespace: string): string | null {
  if (namespace.length < 1 || namespace.length > 63 || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(namespace)) {
    return `"${namespace}" is not a Backstage namespace: 1 to 63 lowercase letters and digits, joined by single hyphens`;
  }
  return null;
}

/** kind: a letter, then letters and digits, at most 63. */
export const backstageKindProblem = (kind: string): string | null =>
  /^[a-zA-Z][a-zA-Z0-9]{0,62}$/.test(kind) ? null : `"${kind}" is not a Backstage kind: a letter, then letters and digits (at most 63)`;

/** `[kind:][namespace/]name`, each part checked; the kind a reference implies when it is left out. */
export function parseBackstageRef(ref: string, defaultKind: string): { kind: string; namespace: string; name: string; problem: string | null } {
  const colon = ref.indexOf(":");
  const kind = colon >= 0 ? ref.slice(0, colon) : defaultKind;
  const rest = colon >= 0 ? ref.slice(colon + 1) : ref;
  const slash = rest.indexOf("/");
  const namespace = slash >= 0 ? rest.slice(0, slash) : "default";
  const name = slash >= 0 ? rest.slice(slash + 1) : rest;
  const problem = backstageKindProblem(kind) ?? backstageNamespaceProblem(namespace) ?? backstageNameProblem(name);
  return { kind: kind.toLowerCase(), namespace, name, problem: problem && `Reference "${ref}": ${problem}` };
}
