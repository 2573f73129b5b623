// The OpenID client the e2e server is configured with and e2e/oidc.spec.ts's provider registers
// (scripts/test/oidc-provider.ts). The provider listens beside the server, on its port + 10.
export const OIDC_E2E = {
  portOffset: 10,
  clientId: "edgewise-e2e",
  clientSecret: "edgewise-e2e-oidc-client-secret",
  name: "Test IdP",
  teamsClaim: "groups",
} as const;
