// The demo estate's decision records: what its architects decided about the integration points the
// telemetry stories are about, written as they would write them. Each record carries the steps of its
// workflow with when they happened (days before the seed runs), so they land inside the 30-day
// telemetry window — and the charts' widest short range, 28 days — and are drawn on those points' latency charts.
import type { DecisionInput } from "../lib/decisions/schema";
import { STORIES } from "./seed-telemetry";

/** Records that need approvals are written by the member, so both reviewer accounts may approve them. */
export type DemoAuthor = "member" | "admin";

/** One step of a record's workflow, `daysAgo` before the seed runs. Reviews and moves by the architect unless `by` says otherwise. */
export type DemoStep =
  | { daysAgo: number; do: "propose" | "accept" | "reject" | "deprecate"; comment: string }
  | { daysAgo: number; do: "supersede"; by: string; comment: string }
  | { daysAgo: number; do: "approve" | "request-changes" | "comment"; by?: "architect" | "admin"; comment: string }
  | { daysAgo: number; do: "revise"; changes: Partial<DecisionInput> };

export interface DemoDecision {
  /** A stable handle for cross-references (the supersede step, the waiver). Numbers follow creation time: the list is in that order. */
  ref: string;
  author: DemoAuthor;
  createdDaysAgo: number;
  content: DecisionInput;
  steps: DemoStep[];
}

const ARCHITECT = "architect@edgewise.local";
const FRAUD = "checkout->fraud-detection:score-order";

/**
 * The what-if behind "move fraud scoring off the synchronous path", in the simulation's scenario shape.
 * Its evidence is computed from the seeded telemetry and attached by `attachEvidence` (see seed-decisions.ts).
 */
export const OFF_SYNC_PATH_SCENARIO = { journey: "place-order", scenario: { changes: [{ integration: FRAUD, style: "async-event" as const }] } };

export const DEMO_DECISIONS: DemoDecision[] = [
  {
    ref: "adjust-stock-sync",
    author: "member",
    createdDaysAgo: 27.5,
    content: {
      title: "Warehouses adjust stock through the gateway's synchronous API",
      context: "Warehouse systems report stock corrections (breakage, recounts) to inventory. They call in batches of a few hundred a minute.",
      drivers: ["Corrections visible within seconds", "Warehouse systems can only make HTTP calls today"],
      options: [
        { title: "Synchronous HTTP through the warehouse gateway", pros: ["Works with today's warehouse systems"], cons: ["Inventory's latency reaches the warehouses", "No replay"] },
        { title: "A stock-adjusted event stream", pros: ["Ordered per SKU", "Replayable"], cons: ["Needs a Kafka client in the gateway"] },
      ],
      outcome: "Accept the synchronous API as the current way in, and plan the event stream once the gateway can publish.",
      consequences: { positive: ["No change for the warehouses"], negative: ["A second path to retire later"] },
      confirmation: "",
      deciders: [ARCHITECT],
      tags: ["fulfilment", "stock"],
      integrations: ["warehouse-gateway->inventory:adjust-stock"],
    },
    steps: [
      { daysAgo: 27.3, do: "propose", comment: "" },
      { daysAgo: 27.1, do: "approve", comment: "" },
      { daysAgo: 27, do: "accept", comment: "" },
      { daysAgo: 6, do: "deprecate", comment: "The gateway now publishes stock-adjusted (keyed by SKU); the synchronous API is deprecated and overdue for removal." },
    ],
  },
  {
    ref: "authorize-no-retry",
    author: "member",
    createdDaysAgo: 26.8,
    content: {
      title: "Authorize cards synchronously with a 300 ms timeout and no retries",
      context:
        "Checkout needs a card authorization before it can confirm an order. Payments answers in about 120 ms at p95, 250 ms at p99. An authorization retried after a timeout can be charged twice, and the payment provider's idempotency support is not rolled out yet.",
      drivers: ["The customer waits for the answer", "No double authorizations", "Place order's p99 budget is 1.2 s for the whole chain"],
      options: [
        { title: "Synchronous call, 300 ms timeout, no retries", pros: ["Cannot double-authorize", "Simple"], cons: ["Every timeout fails the order outright"] },
        { title: "Synchronous call with retries", pros: ["Rides out transient failures"], cons: ["Double authorizations until the provider supports idempotency keys"] },
        { title: "Authorize asynchronously after placing the order", pros: ["Off the critical path"], cons: ["Orders confirmed that will fail payment", "Fraud exposure"] },
      ],
      outcome: "Call payments synchronously with a 300 ms timeout and no retries; on timeout, fall back to authorizing at capture time.",
      consequences: { positive: ["No duplicate charges"], negative: ["A slow payments p99 turns directly into failed orders; revisit once idempotency keys ship"] },
      confirmation: "Timeout rate under 0.1 % of authorizations on the payments dashboard.",
      deciders: [ARCHITECT],
      consulted: ["Payments team"],
      tags: ["checkout", "payments", "resilience"],
      integrations: [STORIES.creeping],
      journeys: ["place-order"],
    },
    steps: [
      { daysAgo: 26.5, do: "propose", comment: "Interim decision until idempotency keys are available." },
      { daysAgo: 26.2, do: "approve", comment: "Right call for now. Put a date on the revisit." },
      { daysAgo: 26, do: "accept", comment: "Accepted; revisit when payments ships Idempotency-Key support." },
    ],
  },
  {
    ref: "order-placed-outbox",
    author: "member",
    createdDaysAgo: 22,
    content: {
      title: "Publish order-placed through a transactional outbox",
      context:
        "Checkout writes the order and then publishes order-placed to Kafka. Twice this quarter the publish failed after the commit, and orders existed that fulfilment never heard of; once the publish succeeded for a rolled-back order.",
      drivers: ["An event exists if and only if the order committed", "Fulfilment must not wait on checkout's request", "Consumers tolerate duplicates"],
      options: [
        { title: "Transactional outbox with a relay", pros: ["No dual write", "Replayable"], cons: ["A relay to operate", "At-least-once: duplicates"] },
        { title: "Change data capture on the orders table", pros: ["No application change"], cons: ["Couples consumers to the table schema"] },
        { title: "Publish before commit", pros: ["Simple"], cons: ["Phantom events for rolled-back orders"] },
      ],
      outcome: "Write order-placed to an outbox table in the order's transaction; a relay publishes it keyed by orderId. Consumers dedupe by event id; poison events go to checkout.order-placed.dlq.",
      consequences: { positive: ["No lost or phantom orders"], negative: ["Delivery lag of up to 2 s at p99", "Every consumer keeps a processed-events table"] },
      confirmation: "Daily reconciliation of orders against consumed events shows zero gaps for 14 days.",
      deciders: [ARCHITECT],
      consulted: ["Fulfilment team", "Payments team"],
      tags: ["checkout", "events", "pattern-event-outbox"],
      integrations: ["checkout->orders:order-placed"],
      journeys: ["place-order"],
    },
    steps: [
      { daysAgo: 21.5, do: "propose", comment: "" },
      { daysAgo: 20.6, do: "approve", comment: "The outbox is the textbook fix for the dual write. DLQ and per-key ordering are declared; good." },
      { daysAgo: 20.4, do: "accept", comment: "" },
    ],
  },
  {
    ref: "authorize-retry-once",
    author: "member",
    createdDaysAgo: 14,
    content: {
      title: "Retry card authorization once, keyed by the payment intent",
      context:
        "Payments 7.3.0 supports an Idempotency-Key per payment intent, so a retried authorization is charged at most once. Since ADR-0002, about one order in 800 failed on a single slow authorization that would have succeeded on a second attempt.",
      drivers: ["Fewer failed orders from one slow call", "No double charges", "The retry must fit the caller's budget"],
      options: [
        { title: "One retry with exponential backoff and jitter, keyed by payment intent", pros: ["Recovers most single slow calls", "Safe against duplicates"], cons: ["Adds up to 350 ms in the worst case"] },
        { title: "Keep no retries (ADR-0002)", pros: ["Predictable latency"], cons: ["Keeps failing recoverable orders"] },
      ],
      outcome: "Retry once (2 attempts, 50 ms base, 400 ms cap, jitter) with the payment intent id as Idempotency-Key; keep the 300 ms timeout and the capture-time fallback.",
      consequences: { positive: ["Transient payment failures no longer fail orders"], negative: ["Worst case 650 ms on this step; watch the 3-D Secure rollout's effect on p99"] },
      confirmation: "Failed orders from authorization timeouts drop by half within two weeks; no duplicate authorizations in the ledger reconciliation.",
      deciders: [ARCHITECT],
      consulted: ["Payments team"],
      tags: ["checkout", "payments", "resilience"],
      integrations: [STORIES.creeping],
      journeys: ["place-order"],
    },
    steps: [
      { daysAgo: 13.6, do: "propose", comment: "Supersedes ADR-0002 now that idempotency keys are live." },
      { daysAgo: 13.3, do: "request-changes", comment: "Which key? The order id is reused on re-checkout; it has to be the payment intent." },
      { daysAgo: 13.1, do: "revise", changes: { outcome: "Retry once (2 attempts, 50 ms base, 400 ms cap, jitter) with the payment intent id — not the order id, which is reused on re-checkout — as Idempotency-Key; keep the 300 ms timeout and the capture-time fallback." } },
      { daysAgo: 12.8, do: "approve", comment: "Keyed by intent; good." },
      { daysAgo: 12.6, do: "accept", comment: "Accepted. Supersedes ADR-0002." },
      { daysAgo: 12.6, do: "supersede", by: "authorize-no-retry", comment: "Superseded by ADR-0004: authorizations are retried once, keyed by payment intent." },
    ],
  },
  {
    ref: "shipment-total-order",
    author: "admin",
    createdDaysAgo: 10,
    content: {
      title: "Deliver shipment notifications in total order over SNS",
      context: "Customers sometimes get 'delivered' before 'dispatched'. The proposal is to declare total ordering on the shipment-dispatched topic.",
      drivers: ["Notifications in the order things happened"],
      options: [
        { title: "Total ordering on the SNS topic", pros: ["One setting"], cons: ["SNS standard topics do not order; FIFO orders only per message group"] },
        { title: "Per-key ordering by shipmentId (FIFO message group)", pros: ["Achievable", "Parallel across shipments"], cons: ["FIFO throughput limits"] },
      ],
      outcome: "Declare total ordering on shipment-dispatched.",
      consequences: { positive: [], negative: [] },
      deciders: [ARCHITECT],
      tags: ["fulfilment", "notifications", "ordering"],
      integrations: ["shipping->notifications:shipment-dispatched"],
    },
    steps: [
      { daysAgo: 9.8, do: "propose", comment: "" },
      { daysAgo: 9.5, do: "request-changes", comment: "Total order across a partitioned broker doesn't exist, and the customer only needs one shipment's events in order. Per-key by shipmentId." },
      { daysAgo: 9.1, do: "reject", comment: "Rejected: unachievable on SNS. Re-propose as per-key ordering by shipmentId." },
    ],
  },
  {
    ref: "reserve-stock-breaker",
    author: "member",
    createdDaysAgo: 2.7,
    content: {
      title: "Protect stock reservation with a circuit breaker and a release-on-timeout fallback",
      context:
        "During the inventory database failover three days ago, reserve-stock calls timed out for 90 minutes. Checkout retried each one three times with a fixed 100 ms delay and no jitter, which tripled the load on inventory while it recovered, and place order failed for most customers.",
      drivers: ["Place order must degrade, not fail, when inventory is down", "Retries must not amplify an outage", "No overselling of scarce stock"],
      options: [
        { title: "Breaker plus 'reserve later' fallback, one jittered retry", pros: ["Orders keep flowing", "Retries no longer triple load"], cons: ["Rare oversells to resolve by backorder"] },
        { title: "Keep failing the order", pros: ["Never oversells"], cons: ["Outage of inventory is an outage of checkout"] },
      ],
      outcome:
        "Open a breaker at 50 % failures over 20 calls for 30 s; while open, accept the order with stock 'to be confirmed' and reserve from the order-placed event. Retry once with exponential backoff and jitter. Shipping in inventory-client 5.1.",
      consequences: { positive: ["Inventory outages cost backorders, not lost orders"], negative: ["Oversell handling needs a customer message"] },
      confirmation: "A game-day failover of the inventory database leaves place-order's success rate above 99 %.",
      deciders: [ARCHITECT],
      consulted: ["Fulfilment team"],
      tags: ["checkout", "stock", "resilience", "incident-follow-up"],
      integrations: [STORIES.incident],
      journeys: ["place-order"],
    },
    steps: [
      { daysAgo: 2.5, do: "propose", comment: "Follow-up from the failover incident." },
      { daysAgo: 2.3, do: "approve", comment: "" },
      { daysAgo: 2.2, do: "accept", comment: "Accepted. The breaker finding is waived until 5.1 ships, citing this record." },
    ],
  },
  {
    ref: "price-lines-cache",
    author: "member",
    createdDaysAgo: 1.8,
    content: {
      title: "Serve cart line prices from a cache-aside read model",
      context:
        "Since pricing 4.2.0 (the new promotion engine) went out two days ago, price-lines' median has nearly doubled and its p99 is over the 100 ms budget. Carts call it on every change.",
      drivers: ["Cart updates feel instant", "Prices may be seconds stale in the cart, never at checkout", "Pricing's engine can stay as it is"],
      options: [
        { title: "Cache-aside with a 5-minute staleness bound, stale on breaker open", pros: ["Most reads in single-digit ms"], cons: ["Invalidation on promotion changes"] },
        { title: "Roll back the promotion engine", pros: ["Immediate"], cons: ["Loses the new promotions"] },
        { title: "Raise the budget to 200 ms", pros: ["No work"], cons: ["Pushes the cost onto every cart interaction"] },
      ],
      outcome: "Put a cache-aside read model in front of price-lines; checkout keeps the fresh synchronous quote.",
      consequences: { positive: ["Cart p99 back under budget"], negative: ["A cache to invalidate when promotions change"] },
      confirmation: "price-lines p99 back under 100 ms for 7 days.",
      deciders: [ARCHITECT, "admin@edgewise.local"],
      consulted: ["Pricing"],
      tags: ["checkout", "pricing", "latency", "pattern-cache-aside"],
      integrations: [STORIES.deployRegression],
    },
    steps: [
      { daysAgo: 1.6, do: "propose", comment: "Waiting for Pricing's sign-off on the invalidation hook." },
      { daysAgo: 1, do: "approve", comment: "Approved from my side; accept once Pricing agrees to publish promotion-changed." },
    ],
  },
  {
    ref: "fraud-off-sync-path",
    author: "member",
    createdDaysAgo: 1.5,
    content: {
      title: "Move fraud scoring off the synchronous checkout path",
      context:
        "Place order's synchronous p99 budgets add up to 1,270 ms against a 1,200 ms budget, over five hops. The largest step is checkout → fraud-detection score-order at 400 ms p99, which also has no timeout. Fewer than 0.3 % of orders are declined for fraud, and those can be cancelled before capture.",
      drivers: ["Place order back within its 1.2 s p99", "No more than four synchronous hops", "Fraud losses must not rise: nothing ships before the score"],
      options: [
        { title: "Hybrid: accept the order, score asynchronously before capture", pros: ["Removes 400 ms from the critical path", "Fraud-detection's outages no longer fail checkout"], cons: ["Declined orders are cancelled after confirmation", "A 'pending review' order state"] },
        { title: "Keep it synchronous with a 450 ms timeout and 'accept and review' fallback", pros: ["Small change"], cons: ["The chain stays over budget"] },
        { title: "Score in parallel with payment authorization", pros: ["Keeps the decision before confirmation"], cons: ["Needs parallel steps in checkout; still on the critical path"] },
      ],
      outcome: "Proposed: checkout stops waiting for the score. The order is confirmed as 'pending review'; fraud-detection scores it from order-placed and cancels before capture when it declines. Until the flag fraud-async-review is fully on, the synchronous call gets a 450 ms timeout.",
      consequences: { positive: ["Synchronous chain at 870 ms and four hops"], negative: ["Customer messaging for cancelled orders", "Capture waits for the score"] },
      confirmation: "Place order p99 under 1.2 s for 14 days after the flag reaches 100 %; fraud chargebacks unchanged.",
      deciders: [ARCHITECT],
      consulted: ["Payments team (fraud)", "Customer support"],
      tags: ["checkout", "latency", "sync-to-async"],
      integrations: [FRAUD],
      journeys: ["place-order"],
    },
    steps: [
      { daysAgo: 1.2, do: "propose", comment: "The case for taking the score off the request path." },
      { daysAgo: 0.8, do: "comment", comment: "Before I approve: attach the what-if for score-order off the synchronous path, run on last week's telemetry, so we see the p99 and error rate we would get." },
    ],
  },
  {
    ref: "search-fan-out",
    author: "admin",
    createdDaysAgo: 0.5,
    content: {
      title: "Bound search's fan-out to the product catalog within the search budget",
      context: "search → product-catalog bulk-get retries twice at a 200 ms timeout: 450 ms worst case, against the 300 ms the storefront gives search.",
      drivers: ["Search answers within 300 ms p99"],
      options: [
        { title: "One attempt at 150 ms, fall back to the indexed snippet", pros: ["Fits the budget"], cons: ["Thinner results when the catalog is slow"] },
        { title: "Hedged request after p95", pros: ["Cuts the tail"], cons: ["Extra load"] },
      ],
      outcome: "",
      tags: ["discovery", "latency"],
      integrations: ["search->product-catalog:bulk-get"],
      journeys: ["browse-and-search"],
    },
    steps: [],
  },
];

/** The waiver the demo grants, citing a record by its handle. */
export const DEMO_WAIVER = {
  decision: "reserve-stock-breaker",
  rule: "critical-journey-breaker-fallback",
  integration: STORIES.incident,
  reason: "Breaker and 'reserve later' fallback ship with inventory-client 5.1; until then the 250 ms timeout bounds the wait.",
  expiresInDays: 21,
};
