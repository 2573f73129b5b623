// The editor's state and its conversion to and from the API's decision input. Lists of sentences are
// edited one item per line; lists of names and keys are edited as chips with a pending draft.
import type { DecisionContent, DecisionInput } from "@/lib/decisions/schema";

export interface OptionValues {
  /** Stable React key only; never sent. */
  id: string;
  title: string;
  pros: string;
  cons: string;
}

export const tokenFields = ["deciders", "consulted", "informed", "tags", "integrations", "journeys"] as const;
export type TokenField = (typeof tokenFields)[number];

export interface FormValues {
  title: string;
  context: string;
  drivers: string;
  options: OptionValues[];
  outcome: string;
  positive: string;
  negative: string;
  confirmation: string;
  tokens: Record<TokenField, string[]>;
  /** Text typed into a chip field but not yet turned into a chip; saved along with the chips. */
  drafts: Record<TokenField, string>;
}

let nextId = 0;
export const newOption = (o: Partial<Omit<OptionValues, "id">> = {}): OptionValues => ({ id: `option-${++nextId}`, title: "", pros: "", cons: "", ...o });

const emptyDrafts = (): Record<TokenField, string> => ({ deciders: "", consulted: "", informed: "", tags: "", integrations: "", journeys: "" });

export function initialValues(record: DecisionContent | null, prefill: { integrations?: string[] } = {}): FormValues {
  const r = record;
  return {
    title: r?.title ?? "",
    context: r?.context ?? "",
    drivers: (r?.drivers ?? []).join("\n"),
    options: (r?.options ?? []).map((o) => newOption({ title: o.title, pros: o.pros.join("\n"), cons: o.cons.join("\n") })),
    outcome: r?.outcome ?? "",
    positive: (r?.consequences.positive ?? []).join("\n"),
    negative: (r?.consequences.negative ?? []).join("\n"),
    confirmation: r?.confirmation ?? "",
    tokens: {
      deciders: r?.deciders ?? [],
      consulted: r?.consulted ?? [],
      informed: r?.informed ?? [],
      tags: r?.tags ?? [],
      integrations: r?.integrations ?? prefill.integrations ?? [],
      journeys: r?.journeys ?? [],
    },
    drafts: emptyDrafts(),
  };
}

const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);

/** Chips plus whatever is still typed in the field, split the way the field splits pasted text. */
export const splitTokens = (text: string) => text.split(/[,\n]/).map((t) => t.trim()).filter(Boolean);
export const withDraft = (values: FormValues, field: TokenField) => {
  const all = [...values.tokens[field], ...splitTokens(values.drafts[field])];
  return all.filter((v, i) => all.indexOf(v) === i);
};

/** The request body: every field, so an edit is a whole new revision the server diffs. */
export function toInput(values: FormValues): DecisionInput {
  return {
    title: values.title,
    context: values.context,
    drivers: lines(values.drivers),
    // Every card is sent, even a blank one, so a problem's index is the card the visitor sees.
    options: values.options.map((o) => ({ title: o.title, pros: lines(o.pros), cons: lines(o.cons) })),
    outcome: values.outcome,
    consequences: { positive: lines(values.positive), negative: lines(values.negative) },
    confirmation: values.confirmation,
    deciders: withDraft(values, "deciders"),
    consulted: withDraft(values, "consulted"),
    informed: withDraft(values, "informed"),
    tags: withDraft(values, "tags"),
    integrations: withDraft(values, "integrations"),
    journeys: withDraft(values, "journeys"),
  };
}

export interface Issue {
  path: string;
  message: string;
}

const lineFields: Record<string, string> = { drivers: "drivers", "consequences.positive": "positive", "consequences.negative": "negative" };

/**
 * Problems by the form field that shows them: `drivers.2` becomes "Line 3: …" under Decision drivers,
 * `deciders.1` names the offending address, `options.0.title` sits under that option's name.
 */
export function issuesByField(issues: Issue[], input: DecisionInput): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (field: string, message: string) => (out[field] ??= []).push(message);
  for (const { path, message } of issues) {
    const parts = path.split(".");
    const last = parts[parts.length - 1] ?? "";
    const index = /^\d+$/.test(last) ? Number(last) : null;
    const base = index === null ? path : parts.slice(0, -1).join(".");
    if (base in lineFields && index !== null) add(lineFields[base]!, `Line ${index + 1}: ${message}`);
    else if ((tokenFields as readonly string[]).includes(base) && index !== null) {
      const value = (input[base as TokenField] as string[] | undefined)?.[index];
      add(base, value ? `“${value}”: ${message}` : message);
    } else if (parts[0] === "options" && parts.length >= 3) {
      // options.N.title → that option's name; options.N.pros.M → that option's pros, by line.
      const field = `options.${parts[1]}.${parts[2]}`;
      add(field, parts.length > 3 && index !== null ? `Line ${index + 1}: ${message}` : message);
    } else add(path || "form", message);
  }
  return out;
}

/** The id of the control that shows a field's problems, for the error summary's links. */
export const fieldId = (field: string) => `decision-${field.replace(/\./g, "-")}`;

/** Field-level problems from a 422 (the API's `details`), as `{ path, message }`. */
export function detailsOf(err: unknown): Issue[] {
  const details = (err as { details?: unknown } | null)?.details;
  if (!Array.isArray(details)) return [];
  return details.flatMap((d: unknown) => {
    const x = d as { path?: unknown; message?: unknown };
    return typeof x.message === "string" ? [{ path: typeof x.path === "string" ? x.path : "", message: x.message }] : [];
  });
}

/** Which top-level record field a form field belongs to, so editing it clears the server's complaint. */
export const topField = (path: string) => {
  const head = path.split(".")[0] ?? "";
  return head === "positive" || head === "negative" ? "consequences" : head;
};
