"use client";
// Contract, telemetry match and tags: what is agreed, how telemetry finds it, how people find it.
import { compatibilities, contractFormats, telemetrySides } from "@/lib/catalog/integration-schema";
import { enumOptions, Section, SelectField, TextField, useForm } from "./fields";

export function ContractSection() {
  return (
    <Section title="Contract">
      <SelectField path="contract.format" label="Contract format" options={enumOptions(contractFormats)} empty="Not declared" />
      <TextField path="contract.ref" label="Contract reference" placeholder="https://git.example.com/payments/authorize.proto" full />
      <TextField path="contract.version" label="Contract version" placeholder="2.3.0" />
      <SelectField path="contract.compatibility" label="Compatibility" options={enumOptions(compatibilities)} />
    </Section>
  );
}

export function TelemetrySection({ telemetryNameOf }: { telemetryNameOf: (slug: string) => string | undefined }) {
  const { values } = useForm();
  return (
    <Section title="Telemetry match" hint="How spans and metrics are attributed to this integration. Blank names follow the services' own telemetry names.">
      <TextField path="telemetry.sourceName" label="Source name in telemetry" placeholder={telemetryNameOf(values.sourceService) ?? "service.name of the source"} />
      <TextField path="telemetry.targetName" label="Target name in telemetry" placeholder={telemetryNameOf(values.targetService) ?? "service.name of the target"} />
      <TextField path="telemetry.operation" label="Span name in telemetry" placeholder="optional, e.g. POST /authorize" />
      <SelectField path="telemetry.side" label="Measured on" options={enumOptions(telemetrySides, { client: "client spans (caller)", server: "server spans (callee)" })} />
    </Section>
  );
}

export function TagsSection() {
  return (
    <Section title="Tags">
      <TextField path="tags" label="Tags (comma-separated)" placeholder="pci, checkout-journey" hint="Lowercase words; used for filtering the catalog." full />
    </Section>
  );
}
