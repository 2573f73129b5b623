// A realistic multi-entity catalog-info.yaml, as a platform team keeps it in Backstage, for the
// Backstage translator's tests.
export const catalogInfoYaml = `# Shop estate, registered in Backstage
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: checkout-team
  description: Owns the storefront checkout
spec:
  type: team
  profile:
    displayName: Checkout
    email: checkout@example.com
  parent: engineering
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments-team
  title: Payments Team
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: Fulfilment_Team
spec:
  type: team
  profile:
    displayName: Fulfilment
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: jdoe
spec:
  profile:
    displayName: Jane Doe
  memberOf: [checkout-team]
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: shop
  description: Everything a customer touches to buy
spec:
  owner: group:default/checkout-team
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  title: Checkout
  description: The checkout backend
  annotations:
    edgewise.dev/telemetry-name: checkout-web
    github.com/project-slug: example/checkout
  links:
    - url: https://runbooks.example.com/checkout
      title: Runbook
    - url: slack://channel?team=T1&id=C2
      title: Chat
  tags: [java]
spec:
  type: service
  lifecycle: production
  owner: checkout-team
  system: shop
  consumesApis:
    - payments-api
    - api:default/inventory-graph
  dependsOn:
    - component:default/fraud-check
    - resource:default/orders-db
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments
  title: Payments
  annotations:
    backstage.io/kubernetes-id: payments-svc
  links:
    - url: https://grafana.example.com/d/payments
      type: dashboard
spec:
  type: service
  lifecycle: production
  owner: group:payments-team
  providesApis: [payments-api]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: inventory
spec:
  type: service
  lifecycle: production
  owner: group:default/Fulfilment_Team
  providesApis: [inventory-graph, inventory-proto]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orders
spec:
  type: service
  lifecycle: production
  owner: checkout-team
  system: shop
  providesApis: [api:order-events]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: shipping
  description: Books carriers for paid orders
spec:
  type: service
  lifecycle: experimental
  owner: Fulfilment_Team
  consumesApis: [order-events, inventory-proto, legacy-soap]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: fraud-check
spec:
  type: service
  lifecycle: experimental
  owner: payments-team
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: payments-api
spec:
  type: openapi
  lifecycle: production
  owner: payments-team
  definition:
    $text: https://git.example.com/payments/openapi.yaml
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: inventory-graph
  annotations:
    backstage.io/source-location: url:https://git.example.com/inventory/tree/main/schema.graphql
spec:
  type: graphql
  lifecycle: production
  owner: Fulfilment_Team
  definition: |
    type Query { stock(sku: ID!): Int }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: inventory-proto
spec:
  type: grpc
  lifecycle: production
  owner: Fulfilment_Team
  definition:
    $text: https://git.example.com/inventory/inventory.proto
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: order-events
  annotations:
    edgewise.dev/protocol: NATS
  links:
    - url: https://docs.example.com/order-events
      title: Event catalog
spec:
  type: asyncapi
  lifecycle: production
  owner: checkout-team
  system: shop
  definition: |
    asyncapi: 3.0.0
    info:
      title: Order events
      version: 1.4.0
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: legacy-soap
spec:
  type: wsdl
  lifecycle: deprecated
  owner: Fulfilment_Team
  definition: "<definitions/>"
---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: shop-entities
spec:
  targets:
    - ./payments/catalog-info.yaml
`;
