// A real OpenID provider (oidc-provider) for end-to-end tests: one static confidential client and
// test accounts whose claims, groups included, the test may change between sign-ins. Its login and
// consent pages are oidc-provider's development interactions (any password; the login must be a
// known account), so Chromium walks the same redirects and forms as against a production IdP.
//   tsx scripts/test/oidc-provider.ts [port]   serves one on its own for trying sign-in by hand
import type { Server } from "node:http";
import Provider from "oidc-provider";

export interface OidcTestAccount {
  /** The login typed into the provider's form; also the subject (`sub`). */
  login: string;
  email: string;
  name: string;
  /** Released as the `groups` claim with the `groups` scope; undefined leaves the claim out. */
  groups?: string[] | string;
}

export interface OidcTestProviderOptions {
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  accounts: OidcTestAccount[];
}

export interface OidcTestProvider {
  issuer: string;
  /** The live account records: change `groups` and the next sign-in sees it. */
  accounts: Map<string, OidcTestAccount>;
  close(): Promise<void>;
}

export async function startOidcProvider(options: OidcTestProviderOptions): Promise<OidcTestProvider> {
  const issuer = `http://localhost:${options.port}`;
  const accounts = new Map(options.accounts.map((a) => [a.login, { ...a }]));
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    // Spec-conforming release: with the code flow, scope claims (email, profile, groups) come from
    // the userinfo endpoint, not the ID token, so the client must read both (oidc-provider's default).
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    scopes: ["openid", "email", "profile", "groups"],
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    cookies: { keys: ["edgewise-e2e-oidc-cookie-key-not-secret"] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          const a = accounts.get(sub) ?? account;
          return { sub, email: a.email, email_verified: true, name: a.name, ...(a.groups === undefined ? {} : { groups: a.groups }) };
        },
      };
    },
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = provider.listen(options.port, () => resolve(s));
    s.once("error", reject);
  });
  return {
    issuer,
    accounts,
    close: () => new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

// Imported by e2e/oidc.spec.ts (compiled to CommonJS there: no import.meta, no top-level await).
if (process.argv[1]?.endsWith("oidc-provider.ts")) {
  const port = Number(process.argv[2] ?? 3233);
  void startOidcProvider({
    port,
    clientId: "edgewise",
    clientSecret: "edgewise-test-secret",
    redirectUri: `${process.env.NEXTAUTH_URL ?? "http://localhost:3000"}/api/auth/callback/oidc`,
    accounts: [{ login: "ada", email: "ada@idp.example", name: "Ada Lovelace", groups: ["checkout"] }],
  }).then((p) => console.log(`OpenID provider at ${p.issuer} (client edgewise / edgewise-test-secret, login ada)`));
}
