// Counted nouns written properly: "1 approval", "2 approvals", "1,204 integration points" — never "approval(s)".
// The plural category comes from Intl.PluralRules (CLDR), so 1.5 and 0 take the plural as English does.

const count = new Intl.NumberFormat("en");
const rules = new Intl.PluralRules("en");

/** The noun alone in the number `n` needs (for when the number is shown apart, e.g. in bold). */
export function pluralNoun(n: number, one: string, many = `${one}s`): string {
  return rules.select(n) === "one" ? one : many;
}

/** `n` and the noun in the number it needs; `many` defaults to the noun plus "s". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count.format(n)} ${pluralNoun(n, one, many)}`;
}
