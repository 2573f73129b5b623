// The demo estate's integration points: about forty edges over the demo services, in every style and
// most protocols. Some are declared with care; some are deliberately weak (no timeout, retries without
// jitter, at-least-once without idempotency) so that governance has something real to find.
import type { IntegrationInput } from "../lib/catalog/integration-schema";

type Decl = IntegrationInput;

const retry = (maxAttempts: number, jitter = true, baseDelayMs = 50, maxDelayMs = 800) =>
  ({ maxAttempts, backoff: "exponential", baseDelayMs, maxDelayMs, jitter }) as const;
const breaker = { failureRatePercent: 50, minimumCalls: 20, openMs: 30_000 };
const event = (dlq: string | null, orderingKey: string | null = null) =>
  ({ guarantee: "at-least-once", ordering: orderingKey ? "per-key" : "none", orderingKey, deadLetterQueue: dlq }) as const;
const eventual = (stalenessBoundMs: number) => ({ model: "eventual", stalenessBoundMs }) as const;

function sync(source: string, target: string, operation: string, protocol: string, p99Ms: number, extra: Partial<Decl> = {}): Decl {
  return {
    sourceService: source,
    targetService: target,
    operation,
    style: "sync",
    protocol,
    budget: { p50Ms: Math.round(p99Ms / 5), p95Ms: Math.round(p99Ms / 2), p99Ms },
    ...extra,
  };
}

function async(style: "async-event" | "async-command" | "async-queue" | "stream", source: string, target: string, operation: string, protocol: string, p99Ms: number, extra: Partial<Decl> = {}): Decl {
  return {
    sourceService: source,
    targetService: target,
    operation,
    style,
    protocol,
    budget: { p50Ms: Math.round(p99Ms / 10), p95Ms: Math.round(p99Ms / 3), p99Ms },
    consistency: eventual(p99Ms * 2),
    ...extra,
  };
}

export const DEMO_INTEGRATIONS: Decl[] = [
  // Checkout's critical path: carefully declared.
  sync("storefront-bff", "checkout", "place-order", "http", 900, {
    criticality: "critical",
    slo: { successTargetPercent: 99.95, latencyTargetPercent: 99, windowDays: 28 },
    idempotency: { strategy: "key", key: "Idempotency-Key header" },
    resilience: { timeoutMs: 1200, retries: null, circuitBreaker: breaker, fallback: "show 'order pending' and confirm by email", concurrencyLimit: 500 },
    contract: { format: "openapi", ref: "https://git.example.com/checkout/openapi.yaml", version: "3.1.0", compatibility: "backward" },
    tags: ["checkout", "customer-facing"],
    description: "Places the order from the basket. **Customer-facing**: the user waits for this call.",
  }),
  sync("checkout", "payments", "authorize", "grpc", 250, {
    criticality: "critical",
    slo: { successTargetPercent: 99.95, latencyTargetPercent: 99, windowDays: 28 },
    consistency: { model: "strong", stalenessBoundMs: null },
    idempotency: { strategy: "key", key: "Idempotency-Key header" },
    resilience: { timeoutMs: 300, retries: retry(2, true, 50, 400), circuitBreaker: breaker, fallback: "authorize later at capture time", concurrencyLimit: 200 },
    contract: { format: "protobuf", ref: "https://git.example.com/payments/authorize.proto", version: "2.3.0", compatibility: "backward" },
    tags: ["pci", "checkout"],
    description: "Card authorization during checkout.",
  }),
  sync("checkout", "pricing", "quote", "grpc", 120, {
    criticality: "critical",
    resilience: { timeoutMs: 150, retries: retry(2), circuitBreaker: breaker, fallback: "use the cart's cached price", concurrencyLimit: null },
    contract: { format: "protobuf", ref: "https://git.example.com/pricing/quote.proto", version: "1.8.0", compatibility: "backward" },
    tags: ["checkout"],
  }),
  sync("checkout", "inventory", "reserve-stock", "grpc", 200, {
    criticality: "critical",
    idempotency: { strategy: "natural", key: null },
    // Weak on purpose: retries without jitter (a retry storm waiting to happen).
    resilience: { timeoutMs: 250, retries: { maxAttempts: 3, backoff: "fixed", baseDelayMs: 100, maxDelayMs: null, jitter: false }, circuitBreaker: null, fallback: null, concurrencyLimit: null },
    tags: ["checkout", "stock"],
  }),
  sync("checkout", "fraud-detection", "score-order", "http", 400, {
    criticality: "critical",
    lifecycle: "migrating",
    migration: { targetStyle: "hybrid", featureFlag: "fraud-async-review", targetDate: "2027-03-01" },
    // Weak on purpose: no timeout on a call in the checkout path.
    resilience: { timeoutMs: null, retries: null, circuitBreaker: null, fallback: "accept and review asynchronously", concurrencyLimit: null },
    tags: ["checkout", "risk"],
    description: "Synchronous fraud score. Moving to a hybrid flow: accept fast, review asynchronously.",
  }),
  sync("checkout", "cart", "get-cart", "grpc", 80, { criticality: "high", resilience: { timeoutMs: 100, retries: retry(2), circuitBreaker: null, fallback: null, concurrencyLimit: null } }),
  sync("storefront-bff", "cart", "update-cart", "http", 150, {
    criticality: "high",
    idempotency: { strategy: "none", key: null },
    // Weak on purpose: retries a non-idempotent write.
    resilience: { timeoutMs: 200, retries: retry(3, false, 100, 400), circuitBreaker: null, fallback: null, concurrencyLimit: null },
  }),
  sync("storefront-bff", "search", "search-products", "http", 300, {
    criticality: "high",
    resilience: { timeoutMs: 400, retries: retry(1), circuitBreaker: breaker, fallback: "show cached popular products", concurrencyLimit: 1000 },
    contract: { format: "openapi", ref: "https://git.example.com/search/openapi.yaml", version: "5.0.2", compatibility: "backward" },
    tags: ["discovery"],
  }),
  sync("storefront-bff", "product-catalog", "get-product", "graphql", 150, {
    criticality: "high",
    resilience: { timeoutMs: 200, retries: retry(2), circuitBreaker: breaker, fallback: "serve from CDN cache", concurrencyLimit: null },
    contract: { format: "graphql", ref: "https://git.example.com/catalog/schema.graphql", version: "12", compatibility: "full" },
  }),
  sync("storefront-bff", "recommendations", "for-you", "http", 250, {
    criticality: "low",
    resilience: { timeoutMs: 150, retries: null, circuitBreaker: breaker, fallback: "hide the carousel", concurrencyLimit: null },
    description: "Optional content: the timeout is deliberately below the p99 budget because the page must not wait for it.",
  }),
  sync("storefront-bff", "orders", "order-status", "http", 200, { criticality: "medium", resilience: { timeoutMs: 300, retries: retry(2), circuitBreaker: null, fallback: null, concurrencyLimit: null } }),
  sync("payments", "fraud-detection", "score-payment", "grpc", 150, {
    criticality: "critical",
    resilience: { timeoutMs: 200, retries: null, circuitBreaker: breaker, fallback: "approve below 50 EUR, decline above", concurrencyLimit: 300 },
    tags: ["pci", "risk"],
  }),
  sync("payments", "ledger", "record-authorization", "grpc", 100, {
    criticality: "high",
    consistency: { model: "strong", stalenessBoundMs: null },
    idempotency: { strategy: "key", key: "authorization id" },
    resilience: { timeoutMs: 150, retries: retry(3), circuitBreaker: null, fallback: null, concurrencyLimit: null },
    tags: ["pci", "money"],
  }),
  sync("search", "product-catalog", "bulk-get", "grpc", 120, { criticality: "medium", resilience: { timeoutMs: 200, retries: retry(2), circuitBreaker: null, fallback: null, concurrencyLimit: null } }),
  sync("recommendations", "product-catalog", "get-products", "grpc", 150, { criticality: "low" }),
  sync("orders", "inventory", "commit-reservation", "grpc", 200, {
    criticality: "high",
    idempotency: { strategy: "natural", key: null },
    resilience: { timeoutMs: 300, retries: retry(3), circuitBreaker: null, fallback: null, concurrencyLimit: null },
  }),
  sync("shipping", "warehouse-gateway", "create-shipment", "http", 1500, {
    criticality: "high",
    // Weak on purpose: retry envelope far beyond the budget, no backoff cap.
    resilience: { timeoutMs: 2000, retries: { maxAttempts: 5, backoff: "none", baseDelayMs: null, maxDelayMs: null, jitter: false }, circuitBreaker: null, fallback: null, concurrencyLimit: null },
  }),
  sync("payouts", "ledger", "balances", "grpc", 500, { criticality: "medium", contract: { format: "protobuf", ref: null, version: null, compatibility: "none" } }),
  sync("notifications", "orders", "get-order", "http", 300, { criticality: "low", resilience: { timeoutMs: 500, retries: retry(3), circuitBreaker: null, fallback: null, concurrencyLimit: null } }),
  sync("warehouse-gateway", "inventory", "adjust-stock", "http", 400, {
    criticality: "medium",
    lifecycle: "deprecated",
    // Overdue on purpose: it should have been gone by now.
    migration: { targetStyle: null, featureFlag: null, targetDate: "2026-09-30" },
    description: "Replaced by the `stock-adjusted` event stream.",
  }),

  // Asynchronous flows.
  async("async-event", "checkout", "orders", "order-placed", "kafka", 2000, {
    criticality: "critical",
    delivery: event("checkout.order-placed.dlq", "orderId"),
    idempotency: { strategy: "key", key: "orderId" },
    contract: { format: "avro", ref: "https://schemas.example.com/order-placed.avsc", version: "4", compatibility: "backward" },
    tags: ["checkout", "orders"],
    description: "The order record is created from this event; consumers must tolerate redelivery.",
  }),
  async("async-event", "orders", "notifications", "order-confirmed", "kafka", 30_000, {
    criticality: "medium",
    delivery: event("orders.order-confirmed.dlq"),
    idempotency: { strategy: "key", key: "eventId" },
  }),
  async("async-event", "orders", "shipping", "order-ready", "kafka", 60_000, {
    criticality: "high",
    // Weak on purpose: at-least-once without idempotency and without a dead-letter queue.
    delivery: event(null, "orderId"),
  }),
  async("async-event", "payments", "ledger", "payment-captured", "kafka", 5000, {
    criticality: "high",
    // Contradiction on purpose: strong consistency declared across an asynchronous boundary.
    consistency: { model: "strong", stalenessBoundMs: null },
    delivery: { guarantee: "effectively-once", ordering: "per-key", orderingKey: "paymentId", deadLetterQueue: "payments.captured.dlq" },
    idempotency: { strategy: "key", key: "paymentId" },
    tags: ["pci", "money"],
  }),
  async("async-event", "inventory", "search", "stock-changed", "kafka", 10_000, { criticality: "medium", delivery: event("inventory.stock-changed.dlq", "sku"), idempotency: { strategy: "natural", key: null } }),
  async("async-event", "product-catalog", "search", "product-updated", "kafka", 60_000, { criticality: "medium", delivery: event("catalog.product-updated.dlq", "productId"), idempotency: { strategy: "natural", key: null } }),
  async("async-event", "product-catalog", "recommendations", "product-updated", "kafka", 300_000, { criticality: "low", delivery: event(null) }),
  async("async-event", "payments", "payouts", "payment-settled", "sns", 60_000, { criticality: "medium", delivery: event("payouts-settled-dlq"), idempotency: { strategy: "key", key: "settlementId" } }),
  async("async-event", "shipping", "notifications", "shipment-dispatched", "sns", 60_000, {
    criticality: "low",
    // Weak on purpose: total ordering on a partitioned broker.
    delivery: { guarantee: "at-least-once", ordering: "total", orderingKey: null, deadLetterQueue: "notifications-dlq" },
    idempotency: { strategy: "key", key: "shipmentId" },
  }),
  async("async-command", "orders", "payments", "capture-payment", "amqp", 10_000, {
    criticality: "critical",
    delivery: event("payments.capture.dlq", "orderId"),
    idempotency: { strategy: "key", key: "orderId" },
    resilience: { timeoutMs: null, retries: retry(5, true, 1000, 60_000), circuitBreaker: null, fallback: null, concurrencyLimit: 50 },
    tags: ["pci", "money"],
  }),
  async("async-command", "checkout", "notifications", "send-receipt", "amqp", 60_000, { criticality: "low", delivery: { guarantee: "at-most-once", ordering: "none", orderingKey: null, deadLetterQueue: null } }),
  async("async-queue", "shipping", "warehouse-gateway", "pick-requests", "sqs", 120_000, {
    criticality: "high",
    delivery: event("warehouse-pick-requests-dlq"),
    idempotency: { strategy: "key", key: "pickRequestId" },
    resilience: { timeoutMs: null, retries: null, circuitBreaker: null, fallback: null, concurrencyLimit: 20 },
  }),
  async("async-queue", "orders", "notifications", "email-outbox", "sqs", 300_000, { criticality: "low", delivery: event("email-outbox-dlq") }),
  async("async-queue", "payouts", "ledger", "payout-batches", "sqs", 600_000, { criticality: "medium", delivery: event(null), lifecycle: "proposed" }),
  async("stream", "storefront-bff", "recommendations", "clickstream", "kinesis", 5000, {
    criticality: "low",
    delivery: { guarantee: "at-most-once", ordering: "per-key", orderingKey: "sessionId", deadLetterQueue: null },
    consistency: eventual(60_000),
  }),
  async("stream", "inventory", "warehouse-gateway", "stock-levels", "kafka", 15_000, { criticality: "medium", delivery: event("stock-levels-dlq", "warehouseId"), lifecycle: "proposed" }),
  async("stream", "warehouse-gateway", "inventory", "stock-adjusted", "kafka", 5000, { criticality: "high", delivery: event("stock-adjusted-dlq", "sku"), idempotency: { strategy: "natural", key: null } }),

  // Hybrid: synchronous acknowledgement with an asynchronous follow-up.
  {
    sourceService: "checkout",
    targetService: "orders",
    operation: "create-order",
    style: "hybrid",
    protocol: "http",
    criticality: "critical",
    budget: { p50Ms: 60, p95Ms: 150, p99Ms: 300 },
    delivery: { guarantee: "effectively-once", ordering: "per-key", orderingKey: "orderId", deadLetterQueue: "orders.create.dlq" },
    idempotency: { strategy: "key", key: "orderId" },
    resilience: { timeoutMs: 400, retries: retry(2), circuitBreaker: breaker, fallback: "queue the order and confirm later", concurrencyLimit: null },
    contract: { format: "openapi", ref: "https://git.example.com/orders/openapi.yaml", version: "2.0.0", compatibility: "backward" },
    tags: ["checkout", "orders"],
    description: "Accepts the order synchronously (202) and completes fulfilment asynchronously.",
  },
  {
    sourceService: "payments",
    targetService: "payouts",
    operation: "refund",
    style: "hybrid",
    protocol: "grpc",
    criticality: "high",
    budget: { p50Ms: 100, p95Ms: 400, p99Ms: 800 },
    // Weak on purpose: hybrid at-least-once without idempotency.
    delivery: { guarantee: "at-least-once", ordering: "none", orderingKey: null, deadLetterQueue: null },
    resilience: { timeoutMs: 1000, retries: retry(3, false, 200, 2000), circuitBreaker: null, fallback: null, concurrencyLimit: null },
  },
  sync("cart", "pricing", "price-lines", "grpc", 100, { criticality: "high", resilience: { timeoutMs: 120, retries: retry(1), circuitBreaker: breaker, fallback: "last known price", concurrencyLimit: null } }),
  sync("storefront-bff", "notifications", "subscribe", "websocket", 1000, { criticality: "low", lifecycle: "proposed" }),
];

/** Three journeys over the estate; "place order" is over its budget by design. */
export const DEMO_JOURNEYS = [
  {
    slug: "place-order",
    name: "Place order",
    team: "checkout-team",
    criticality: "critical" as const,
    budgetP99Ms: 1200,
    description: "From pressing *Place order* to the confirmation page.",
    steps: [
      "checkout->pricing:quote",
      "checkout->inventory:reserve-stock",
      "checkout->fraud-detection:score-order",
      "checkout->payments:authorize",
      "checkout->orders:create-order",
      "checkout->orders:order-placed",
      "orders->notifications:order-confirmed",
    ],
  },
  {
    slug: "browse-and-search",
    name: "Browse and search",
    team: "discovery-team",
    criticality: "high" as const,
    budgetP99Ms: 800,
    description: "A search results page with personalised recommendations.",
    steps: ["storefront-bff->search:search-products", "search->product-catalog:bulk-get", "storefront-bff->recommendations:for-you"],
  },
  {
    slug: "refund",
    name: "Refund a payment",
    team: "payments-team",
    criticality: "high" as const,
    budgetP99Ms: 2000,
    description: "A support agent refunds a captured payment.",
    steps: ["payments->payouts:refund", "payments->ledger:record-authorization", "payments->payouts:payment-settled"],
  },
];
