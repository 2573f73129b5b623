// Rules on asynchronous semantics: duplicates, poison messages, ordering and consistency claims.
import { isAsyncStyle } from "@/lib/catalog/integration-schema";
import { carriesMessages, partitionedProtocols } from "../budget-math";
import type { Rule } from "../rule-types";

const live = <T extends { lifecycle: string }>(items: T[]) => items.filter((i) => i.lifecycle !== "retired");

export const atLeastOnceIdempotent: Rule = {
  id: "at-least-once-idempotent",
  title: "At-least-once delivery declares idempotency",
  problem: "At-least-once delivery without declared idempotency",
  rationale:
    "At-least-once means duplicates will arrive — after every broker failover, consumer restart or redelivery timeout. A consumer that is not idempotent turns each duplicate into a second side effect.",
  remediation: "Declare idempotency (an idempotency key such as the event id, or a naturally idempotent operation).",
  severity: "error",
  thresholds: {},
  evaluate: (ctx) =>
    live(ctx.integrations)
      .filter((i) => i.delivery?.guarantee === "at-least-once" && (!i.idempotency || i.idempotency.strategy === "none"))
      .map((i) => ({ integration: i.key, journey: null, message: `${i.key} is delivered at least once but its consumer declares no idempotency.` })),
};

export const deadLetterQueue: Rule = {
  id: "async-dead-letter-queue",
  title: "Asynchronous integrations declare a dead-letter queue",
  problem: "Asynchronous integration has no dead-letter queue",
  rationale:
    "A message that can never be processed (a poison message) either blocks its partition or is retried forever. A dead-letter queue takes it aside so the flow continues and someone can look at it.",
  remediation: "Declare delivery.deadLetterQueue (or declare at-most-once delivery if losing the message is acceptable).",
  severity: "warning",
  thresholds: {},
  evaluate: (ctx) =>
    live(ctx.integrations)
      .filter((i) => carriesMessages(i.style) && i.delivery?.guarantee !== "at-most-once" && !i.delivery?.deadLetterQueue)
      .map((i) => ({ integration: i.key, journey: null, message: `${i.key} (${i.style}) has no dead-letter queue.` })),
};

export const orderingDeclared: Rule = {
  id: "ordering-is-achievable",
  title: "Ordering guarantees are achievable",
  problem: "Declared ordering cannot be guaranteed",
  rationale:
    "Per-key ordering only holds if everyone agrees on the key that routes messages to a partition. Total ordering does not exist across the partitions of a partitioned broker; claiming it hides a design that will reorder under load.",
  remediation: "Name the ordering key, or switch total ordering to per-key ordering (or a single-partition design, knowingly).",
  severity: "warning",
  thresholds: {},
  evaluate: (ctx) =>
    live(ctx.integrations).flatMap((i) => {
      if (i.delivery?.ordering === "per-key" && !i.delivery.orderingKey) {
        return [{ integration: i.key, journey: null, message: `${i.key} declares per-key ordering without naming the key.` }];
      }
      if (i.delivery?.ordering === "total" && partitionedProtocols.includes(i.protocol)) {
        return [{ integration: i.key, journey: null, message: `${i.key} declares total ordering over ${i.protocol}, a partitioned broker.` }];
      }
      return [];
    }),
};

export const strongAcrossAsync: Rule = {
  id: "strong-consistency-async",
  title: "No strong consistency across an asynchronous boundary",
  problem: "Strong consistency declared across an asynchronous boundary",
  rationale:
    "Once a message is in flight the consumer's state lags the producer's: that is eventual consistency by construction. Declaring strong consistency there promises readers something the design cannot deliver.",
  remediation: "Declare eventual consistency with a staleness bound (or make the read synchronous).",
  severity: "error",
  thresholds: {},
  evaluate: (ctx) =>
    live(ctx.integrations)
      .filter((i) => (isAsyncStyle(i.style) || i.style === "hybrid") && i.consistency?.model === "strong")
      .map((i) => ({ integration: i.key, journey: null, message: `${i.key} is ${i.style} but declares strong consistency.` })),
};

export const messagingRules = [atLeastOnceIdempotent, deadLetterQueue, orderingDeclared, strongAcrossAsync];
