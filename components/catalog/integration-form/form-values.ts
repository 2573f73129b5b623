// What the integration form edits (strings for inputs, flags for optional groups), how a loaded
// declaration becomes form values, and how form values become the input `integrationSchema` checks.
import { carriesMessages, parseDeclaration, type Criticality, type Lifecycle, type Style } from "@/lib/catalog/integration-schema";
import type { IntegrationView } from "@/lib/catalog/integrations";
import { designFields, patternByName } from "@/lib/governance/patterns";

export interface FormValues {
  key: string;
  sourceService: string;
  targetService: string;
  operation: string;
  style: Style | "";
  protocol: string;
  pattern: string;
  criticality: Criticality;
  lifecycle: Lifecycle;
  migration: { targetStyle: string; featureFlag: string; targetDate: string };
  budget: { p50Ms: string; p95Ms: string; p99Ms: string };
  slo: { successTargetPercent: string; latencyTargetPercent: string; windowDays: string };
  consistency: { model: string; stalenessBoundMs: string };
  delivery: { guarantee: string; ordering: string; orderingKey: string; deadLetterQueue: string };
  idempotency: { strategy: string; key: string };
  resilience: {
    timeoutMs: string;
    retriesDeclared: boolean;
    retries: { maxAttempts: string; backoff: string; baseDelayMs: string; maxDelayMs: string; jitter: boolean };
    breakerDeclared: boolean;
    circuitBreaker: { failureRatePercent: string; minimumCalls: string; openMs: string };
    fallback: string;
    concurrencyLimit: string;
  };
  contract: { format: string; ref: string; version: string; compatibility: string };
  telemetry: { sourceName: string; targetName: string; operation: string; side: string };
  tags: string;
  description: string;
}

/** Dotted paths to the form's leaves, typed by what they hold. */
type Leaves<T, V, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends V ? `${P}${K}` : T[K] extends object ? Leaves<T[K], V, `${P}${K}.`> : never;
}[keyof T & string];
export type TextPath = Leaves<FormValues, string>;
export type FlagPath = Leaves<FormValues, boolean>;

export function getPath(values: FormValues, path: string): unknown {
  return path.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], values);
}

export function setPath<T>(values: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split(".");
  if (head === undefined) return values;
  const current = values as Record<string, unknown>;
  return { ...current, [head]: rest.length ? setPath(current[head], rest.join("."), value) : value } as T;
}

export function emptyValues(prefill: Partial<Pick<FormValues, "sourceService" | "targetService">> = {}): FormValues {
  return {
    key: "",
    sourceService: prefill.sourceService ?? "",
    targetService: prefill.targetService ?? "",
    operation: "",
    style: "",
    protocol: "",
    pattern: "",
    criticality: "medium",
    lifecycle: "active",
    migration: { targetStyle: "", featureFlag: "", targetDate: "" },
    budget: { p50Ms: "", p95Ms: "", p99Ms: "" },
    slo: { successTargetPercent: "99.9", latencyTargetPercent: "99", windowDays: "28" },
    consistency: { model: "", stalenessBoundMs: "" },
    delivery: { guarantee: "", ordering: "none", orderingKey: "", deadLetterQueue: "" },
    idempotency: { strategy: "", key: "" },
    resilience: {
      timeoutMs: "",
      retriesDeclared: false,
      retries: { maxAttempts: "3", backoff: "exponential", baseDelayMs: "", maxDelayMs: "", jitter: true },
      breakerDeclared: false,
      circuitBreaker: { failureRatePercent: "50", minimumCalls: "20", openMs: "30000" },
      fallback: "",
      concurrencyLimit: "",
    },
    contract: { format: "", ref: "", version: "", compatibility: "backward" },
    telemetry: { sourceName: "", targetName: "", operation: "", side: "client" },
    tags: "",
    description: "",
  };
}

const s = (v: string | number | null | undefined) => (v == null ? "" : String(v));

/**
 * The form for an existing declaration. Telemetry names equal to the services' own are left blank,
 * so they keep following the services (and a changed source service does not drag the old name along).
 */
export function valuesFromView(view: IntegrationView, telemetryNameOf: (slug: string) => string | undefined): FormValues {
  const empty = emptyValues();
  const r = view.resilience;
  const t = view.telemetry;
  return {
    key: view.key,
    sourceService: view.sourceService,
    targetService: view.targetService,
    operation: view.operation,
    style: view.style,
    protocol: view.protocol,
    pattern: s(view.pattern),
    criticality: view.criticality,
    lifecycle: view.lifecycle,
    migration: view.migration ? { targetStyle: s(view.migration.targetStyle), featureFlag: s(view.migration.featureFlag), targetDate: s(view.migration.targetDate) } : empty.migration,
    budget: { p50Ms: s(view.budget.p50Ms), p95Ms: s(view.budget.p95Ms), p99Ms: s(view.budget.p99Ms) },
    slo: { successTargetPercent: s(view.slo.successTargetPercent), latencyTargetPercent: s(view.slo.latencyTargetPercent), windowDays: s(view.slo.windowDays) },
    consistency: view.consistency ? { model: view.consistency.model, stalenessBoundMs: s(view.consistency.stalenessBoundMs) } : empty.consistency,
    delivery: view.delivery
      ? { guarantee: view.delivery.guarantee, ordering: view.delivery.ordering, orderingKey: s(view.delivery.orderingKey), deadLetterQueue: s(view.delivery.deadLetterQueue) }
      : empty.delivery,
    idempotency: view.idempotency ? { strategy: view.idempotency.strategy, key: s(view.idempotency.key) } : empty.idempotency,
    resilience: {
      timeoutMs: s(r?.timeoutMs),
      retriesDeclared: !!r?.retries,
      retries: r?.retries
        ? { maxAttempts: s(r.retries.maxAttempts), backoff: r.retries.backoff, baseDelayMs: s(r.retries.baseDelayMs), maxDelayMs: s(r.retries.maxDelayMs), jitter: r.retries.jitter }
        : empty.resilience.retries,
      breakerDeclared: !!r?.circuitBreaker,
      circuitBreaker: r?.circuitBreaker
        ? { failureRatePercent: s(r.circuitBreaker.failureRatePercent), minimumCalls: s(r.circuitBreaker.minimumCalls), openMs: s(r.circuitBreaker.openMs) }
        : empty.resilience.circuitBreaker,
      fallback: s(r?.fallback),
      concurrencyLimit: s(r?.concurrencyLimit),
    },
    contract: view.contract ? { format: view.contract.format, ref: s(view.contract.ref), version: s(view.contract.version), compatibility: view.contract.compatibility } : empty.contract,
    telemetry: {
      sourceName: t?.sourceName && t.sourceName !== telemetryNameOf(view.sourceService) ? t.sourceName : "",
      targetName: t?.targetName && t.targetName !== telemetryNameOf(view.targetService) ? t.targetName : "",
      operation: s(t?.operation),
      side: t?.side ?? "client",
    },
    tags: view.tags.join(", "),
    description: view.description,
  };
}

/**
 * Starting from a pattern: every design field takes the blueprint's default, as the form shows it;
 * who talks to whom, telemetry, tags and description stay as typed. No pattern ("") changes nothing else.
 */
export function withPattern(values: FormValues, name: string): FormValues {
  const blueprint = patternByName(name);
  if (!blueprint) return { ...values, pattern: "" };
  const declared = parseDeclaration({ sourceService: "source", targetService: "target", operation: "op", ...blueprint.defaults });
  const from = valuesFromView({ ...declared, id: "", ownerTeam: "", createdAt: "", updatedAt: "", status: "no-data" }, () => undefined);
  const design = Object.fromEntries(designFields.map((f) => [f, from[f]])) as Partial<FormValues>;
  return { ...values, ...design, pattern: name };
}

/** Empty inputs are absent (null); numbers stay numbers; anything else is left for zod to judge. */
const num = (v: string) => (v.trim() === "" ? null : Number(v));
const text = (v: string) => (v.trim() === "" ? null : v.trim());
const choice = (v: string) => (v === "" ? undefined : v);
const anyFilled = (...v: string[]) => v.some((x) => x.trim() !== "");

/** The declaration the form describes, in the shape `integrationSchema` parses. Hidden groups are null. */
export function toInput(v: FormValues): Record<string, unknown> {
  const style = v.style === "" ? undefined : v.style;
  const messages = style ? carriesMessages(style) : false;
  const r = v.resilience;
  const resilience = {
    timeoutMs: num(r.timeoutMs),
    retries: r.retriesDeclared
      ? { maxAttempts: num(r.retries.maxAttempts) ?? undefined, backoff: r.retries.backoff, baseDelayMs: num(r.retries.baseDelayMs), maxDelayMs: num(r.retries.maxDelayMs), jitter: r.retries.jitter }
      : null,
    circuitBreaker: r.breakerDeclared
      ? { failureRatePercent: num(r.circuitBreaker.failureRatePercent) ?? undefined, minimumCalls: num(r.circuitBreaker.minimumCalls) ?? undefined, openMs: num(r.circuitBreaker.openMs) ?? undefined }
      : null,
    fallback: text(r.fallback),
    concurrencyLimit: num(r.concurrencyLimit),
  };
  const migrating = v.lifecycle === "migrating";
  return {
    key: text(v.key),
    sourceService: v.sourceService,
    targetService: v.targetService,
    operation: v.operation,
    style,
    protocol: v.protocol,
    pattern: text(v.pattern),
    criticality: v.criticality,
    lifecycle: v.lifecycle,
    // Without a target style the schema's own rule explains what a migration needs.
    migration: migrating && anyFilled(v.migration.targetStyle, v.migration.featureFlag, v.migration.targetDate)
      ? { targetStyle: choice(v.migration.targetStyle), featureFlag: text(v.migration.featureFlag), targetDate: text(v.migration.targetDate) }
      : null,
    budget: { p50Ms: num(v.budget.p50Ms), p95Ms: num(v.budget.p95Ms), p99Ms: num(v.budget.p99Ms) ?? undefined },
    slo: { successTargetPercent: num(v.slo.successTargetPercent) ?? undefined, latencyTargetPercent: num(v.slo.latencyTargetPercent) ?? undefined, windowDays: num(v.slo.windowDays) ?? undefined },
    consistency: anyFilled(v.consistency.model, v.consistency.stalenessBoundMs) ? { model: choice(v.consistency.model), stalenessBoundMs: num(v.consistency.stalenessBoundMs) } : null,
    delivery:
      messages && anyFilled(v.delivery.guarantee, v.delivery.orderingKey, v.delivery.deadLetterQueue)
        ? {
            guarantee: choice(v.delivery.guarantee),
            ordering: v.delivery.ordering || "none",
            orderingKey: v.delivery.ordering === "per-key" ? text(v.delivery.orderingKey) : null,
            deadLetterQueue: text(v.delivery.deadLetterQueue),
          }
        : null,
    idempotency: v.idempotency.strategy
      ? { strategy: v.idempotency.strategy, key: v.idempotency.strategy === "none" ? null : text(v.idempotency.key) }
      : null,
    resilience: Object.values(resilience).every((x) => x === null) ? null : resilience,
    contract: anyFilled(v.contract.format, v.contract.ref, v.contract.version)
      ? { format: choice(v.contract.format), ref: text(v.contract.ref), version: text(v.contract.version), compatibility: v.contract.compatibility }
      : null,
    telemetry:
      anyFilled(v.telemetry.sourceName, v.telemetry.targetName, v.telemetry.operation) || v.telemetry.side !== "client"
        ? { sourceName: text(v.telemetry.sourceName), targetName: text(v.telemetry.targetName), operation: text(v.telemetry.operation), side: v.telemetry.side }
        : null,
    tags: v.tags.split(/[\s,]+/).filter(Boolean),
    description: v.description,
  };
}

/** Paths the form shows an input for; an issue elsewhere is shown at the nearest of these, or above the form. */
const FIELD_PATHS = new Set<string>([
  "key", "sourceService", "targetService", "operation", "style", "protocol", "pattern", "criticality", "lifecycle",
  "migration.targetStyle", "migration.featureFlag", "migration.targetDate",
  "budget.p50Ms", "budget.p95Ms", "budget.p99Ms",
  "slo.successTargetPercent", "slo.latencyTargetPercent", "slo.windowDays",
  "consistency.model", "consistency.stalenessBoundMs",
  "delivery.guarantee", "delivery.ordering", "delivery.orderingKey", "delivery.deadLetterQueue",
  "idempotency.strategy", "idempotency.key",
  "resilience.timeoutMs", "resilience.retries.maxAttempts", "resilience.retries.backoff", "resilience.retries.baseDelayMs",
  "resilience.retries.maxDelayMs", "resilience.retries.jitter", "resilience.circuitBreaker.failureRatePercent",
  "resilience.circuitBreaker.minimumCalls", "resilience.circuitBreaker.openMs", "resilience.fallback", "resilience.concurrencyLimit",
  "contract.format", "contract.ref", "contract.version", "contract.compatibility",
  "telemetry.sourceName", "telemetry.targetName", "telemetry.operation", "telemetry.side",
  "tags", "description",
]);

/** Where an issue at `path` (e.g. "tags.2", "budget.p99Ms") is shown: a field path, or "" for the form as a whole. */
export function fieldForIssue(path: string): string {
  const parts = path.split(".").filter(Boolean);
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join(".");
    if (FIELD_PATHS.has(candidate)) return candidate;
  }
  return "";
}

export const fieldId = (path: string) => `field-${path.replace(/\./g, "-")}`;
