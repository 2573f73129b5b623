"use client";
// Consistency & delivery, and idempotency: what a reader may see, and what happens to duplicates.
import { carriesMessages, consistencyModels, deliveryGuarantees, idempotencyStrategies, orderings } from "@/lib/catalog/integration-schema";
import { enumOptions, NumberField, Section, SelectField, Subgroup, TextField, useForm } from "./fields";

export function ConsistencySection() {
  const { values } = useForm();
  const messages = values.style !== "" && carriesMessages(values.style);
  return (
    <Section title="Consistency & delivery">
      <SelectField path="consistency.model" label="Consistency model" options={enumOptions(consistencyModels)} empty="Not declared" />
      {values.consistency.model !== "" && (
        <NumberField
          path="consistency.stalenessBoundMs"
          label="Staleness bound (ms)"
          hint={values.consistency.model === "eventual" ? "Required for eventual consistency: how stale may a read be?" : "Optional."}
        />
      )}
      {messages ? (
        <Subgroup title="Delivery">
          <SelectField path="delivery.guarantee" label="Delivery guarantee" options={enumOptions(deliveryGuarantees)} empty="Not declared" />
          <SelectField path="delivery.ordering" label="Ordering" options={enumOptions(orderings)} />
          {values.delivery.ordering === "per-key" && <TextField path="delivery.orderingKey" label="Ordering key" placeholder="orderId" />}
          <TextField path="delivery.deadLetterQueue" label="Dead-letter queue" placeholder="payments.dlq" />
        </Subgroup>
      ) : (
        <p className="field-hint" style={{ gridColumn: "1 / -1", margin: 0 }}>
          Delivery guarantees, ordering and dead-letter queues apply to asynchronous and hybrid styles.
        </p>
      )}
    </Section>
  );
}

export function IdempotencySection() {
  const { values } = useForm();
  const strategy = values.idempotency.strategy;
  return (
    <Section title="Idempotency" hint="How a repeated call or redelivered message is made harmless.">
      <SelectField path="idempotency.strategy" label="Idempotency strategy" options={enumOptions(idempotencyStrategies)} empty="Not declared" />
      {(strategy === "key" || strategy === "natural") && (
        <TextField
          path="idempotency.key"
          label="Idempotency key"
          placeholder={strategy === "key" ? "Idempotency-Key header" : "orderId + attempt"}
          hint={strategy === "key" ? "Required: the key the caller sends." : "Optional: what makes a repeat recognisable."}
        />
      )}
    </Section>
  );
}
