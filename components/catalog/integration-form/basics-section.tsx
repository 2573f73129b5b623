"use client";
// Basics: who talks to whom, how, how much it matters, and where it is in its life.
import { criticalities, integrationKey, knownProtocols, lifecycles, styles } from "@/lib/catalog/integration-schema";
import { criticalityLabels, lifecycleLabels, styleLabels } from "../labels";
import { enumOptions, Section, SelectField, Subgroup, TextField, useForm, type Option } from "./fields";

export function BasicsSection({ sourceOptions, targetOptions, editing }: { sourceOptions: Option[]; targetOptions: Option[]; editing: boolean }) {
  const { values } = useForm();
  const defaultKey = integrationKey(values.sourceService || "source", values.targetService || "target", values.operation || "operation");
  const styleOptions = enumOptions(styles, styleLabels);
  return (
    <Section title="Basics" hint="The caller (or producer) is the source; it owns the integration point.">
      <SelectField path="sourceService" label="Source service" options={sourceOptions} empty="Choose a service…" />
      <SelectField path="targetService" label="Target service" options={targetOptions} empty="Choose a service…" />
      <TextField path="operation" label="Operation" placeholder="authorize, order-placed…" hint="The call or message: a method, route or event name." />
      <TextField
        path="key"
        label="Key"
        placeholder={defaultKey}
        readOnly={editing}
        hint={editing ? "Keys are stable and cannot be changed." : "Optional: defaults to source->target:operation."}
      />
      <SelectField path="style" label="Style" options={styleOptions} empty="Choose a style…" hint="Sync puts latency and failures on the caller's path; async trades immediacy for isolation." />
      <TextField path="protocol" label="Protocol" list="integration-protocols" placeholder="http, grpc, kafka…" />
      <datalist id="integration-protocols">
        {knownProtocols.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <SelectField path="criticality" label="Criticality" options={enumOptions(criticalities, criticalityLabels)} />
      <SelectField path="lifecycle" label="Lifecycle" options={enumOptions(lifecycles, lifecycleLabels)} />
      {values.lifecycle === "migrating" && (
        <Subgroup title="Migration">
          <SelectField path="migration.targetStyle" label="Migrating to" options={styleOptions} empty="Choose the new style…" />
          <TextField path="migration.featureFlag" label="Feature flag" placeholder="payments-async" hint="The flag that switches traffic to the new style." />
          <TextField path="migration.targetDate" label="Target date" type="date" />
        </Subgroup>
      )}
    </Section>
  );
}
