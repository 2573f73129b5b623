// A JSON Schema (2020-12) for the part of OpenSLO v1 that Edgewise emits, written from the field
// rules of the OpenSLO v1 specification, so tests can hold the export to them.

const dnsLabel = { type: "string", maxLength: 63, pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" };
const description = { type: "string", maxLength: 1050 };
/** duration-shorthand: a positive integer and one of m h d w M Q Y. */
const duration = { type: "string", pattern: "^[1-9][0-9]*[mhdwMQY]$" };
const labelKey = "[a-zA-Z0-9]([-_.a-zA-Z0-9]{0,61}[a-zA-Z0-9])?";
const dnsSubdomain = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const operator = { enum: ["lte", "gte", "lt", "gt"] };

const metadata = {
  type: "object",
  required: ["name"],
  additionalProperties: false,
  properties: {
    name: dnsLabel,
    displayName: { type: "string" },
    labels: {
      type: "object",
      propertyNames: { pattern: `^${labelKey}$` },
      additionalProperties: { anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] },
    },
    annotations: {
      type: "object",
      // An optional DNS-subdomain prefix (≤ 253) and a name like a label key.
      propertyNames: { pattern: `^(${dnsSubdomain}/)?${labelKey}$` },
      additionalProperties: { type: "string" },
    },
  },
};

const metricSource = {
  type: "object",
  required: ["metricSource"],
  additionalProperties: false,
  properties: {
    metricSource: {
      type: "object",
      required: ["spec"],
      additionalProperties: false,
      properties: { metricSourceRef: { type: "string" }, type: { type: "string" }, spec: { type: "object" } },
      anyOf: [{ required: ["type"] }, { required: ["metricSourceRef"] }],
    },
  },
};

const sliSpec = {
  type: "object",
  additionalProperties: false,
  properties: {
    description,
    thresholdMetric: metricSource,
    ratioMetric: {
      type: "object",
      additionalProperties: false,
      properties: { counter: { type: "boolean" }, good: metricSource, bad: metricSource, total: metricSource, rawType: { enum: ["success", "failure"] }, raw: metricSource },
      oneOf: [
        { required: ["good", "total"], not: { anyOf: [{ required: ["bad"] }, { required: ["raw"] }] } },
        { required: ["bad", "total"], not: { anyOf: [{ required: ["good"] }, { required: ["raw"] }] } },
        { required: ["raw", "rawType"], not: { anyOf: [{ required: ["good"] }, { required: ["bad"] }, { required: ["total"] }] } },
      ],
    },
  },
  oneOf: [{ required: ["thresholdMetric"] }, { required: ["ratioMetric"] }],
};

const objective = {
  type: "object",
  additionalProperties: false,
  properties: {
    displayName: { type: "string" },
    op: operator,
    value: { type: "number" },
    target: { type: "number", minimum: 0, exclusiveMaximum: 1 },
    targetPercent: { type: "number", minimum: 0, exclusiveMaximum: 100 },
    timeSliceTarget: { type: "number", exclusiveMinimum: 0, maximum: 1 },
    timeSliceWindow: { anyOf: [{ type: "number" }, duration] },
    indicatorRef: { type: "string" },
    compositeWeight: { type: "number", exclusiveMinimum: 0 },
  },
  oneOf: [{ required: ["target"] }, { required: ["targetPercent"] }],
};

const sloSpec = {
  type: "object",
  required: ["budgetingMethod", "objectives"],
  additionalProperties: false,
  properties: {
    description,
    service: { type: "string" },
    indicator: { type: "object", required: ["metadata", "spec"], additionalProperties: false, properties: { metadata, spec: sliSpec } },
    indicatorRef: { type: "string" },
    timeWindow: {
      type: "array",
      minItems: 1,
      maxItems: 1,
      items: {
        type: "object",
        required: ["duration"],
        additionalProperties: false,
        properties: { duration, isRolling: { type: "boolean" }, calendar: { type: "object", required: ["startTime", "timeZone"] } },
      },
    },
    budgetingMethod: { enum: ["Occurrences", "Timeslices", "RatioTimeslices"] },
    objectives: { type: "array", minItems: 1, items: objective },
    alertPolicies: { type: "array", items: { type: "object", required: ["alertPolicyRef"], additionalProperties: false, properties: { alertPolicyRef: dnsLabel } } },
  },
  oneOf: [{ required: ["indicator"] }, { required: ["indicatorRef"] }],
  // A threshold metric compares each value with one objective's op and value.
  if: { type: "object", required: ["indicator"], properties: { indicator: { type: "object", properties: { spec: { type: "object", required: ["thresholdMetric"] } } } } },
  then: { type: "object", properties: { objectives: { type: "array", maxItems: 1, items: { type: "object", required: ["op", "value"] } } } },
};

const alertPolicySpec = {
  type: "object",
  required: ["conditions", "notificationTargets"],
  additionalProperties: false,
  properties: {
    description,
    alertWhenNoData: { type: "boolean" },
    alertWhenResolved: { type: "boolean" },
    alertWhenBreaching: { type: "boolean" },
    conditions: { type: "array", minItems: 1, maxItems: 1, items: { type: "object", required: ["conditionRef"], additionalProperties: false, properties: { conditionRef: dnsLabel } } },
    notificationTargets: { type: "array", minItems: 1, items: { type: "object", required: ["targetRef"], additionalProperties: false, properties: { targetRef: dnsLabel } } },
  },
};

const alertConditionSpec = {
  type: "object",
  required: ["severity", "condition"],
  additionalProperties: false,
  properties: {
    description,
    severity: { type: "string", minLength: 1 },
    condition: {
      type: "object",
      required: ["kind", "op", "threshold", "lookbackWindow"],
      additionalProperties: false,
      properties: { kind: { const: "burnrate" }, op: operator, threshold: { type: "number" }, lookbackWindow: duration, alertAfter: duration },
    },
  },
};

const notificationTargetSpec = { type: "object", required: ["target"], additionalProperties: false, properties: { target: { type: "string", minLength: 1 }, description } };

const document = (kind: string, spec: object) => ({
  if: { type: "object", properties: { kind: { const: kind } } },
  then: { type: "object", properties: { spec } },
});

export const openSloV1Schema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  required: ["apiVersion", "kind", "metadata", "spec"],
  additionalProperties: false,
  properties: {
    apiVersion: { const: "openslo/v1" },
    kind: { enum: ["SLO", "SLI", "AlertPolicy", "AlertCondition", "AlertNotificationTarget", "Service", "DataSource"] },
    metadata,
    spec: { type: "object" },
  },
  allOf: [
    document("SLO", sloSpec),
    document("SLI", sliSpec),
    document("AlertPolicy", alertPolicySpec),
    document("AlertCondition", alertConditionSpec),
    document("AlertNotificationTarget", notificationTargetSpec),
  ],
};
