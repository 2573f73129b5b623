// Counted nouns written properly: "1 approval", "2 approvals", "1,204 integration points" — never "approval(s)".

const count = new Intl.NumberFormat("en");

/** `n` and the noun in the number it needs; `many` defaults to the noun plus "s". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count.format(n)} ${n === 1 ? one : many}`;
}
