// Single sign-on against a real OpenID provider (oidc-provider, started here): the first sign-in
// creates a viewer, the groups claim sets team memberships, a later sign-in finds the same user and
// follows the claim as it changes.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { startOidcProvider, type OidcTestProvider } from "../scripts/test/oidc-provider";
import { OIDC_E2E } from "./oidc-client";
import { authFile, baseURL, signedOut, unique, waitForHydration } from "./support";

test.use({ storageState: signedOut });
test.describe.configure({ mode: "serial" });

const login = unique("sso-user");
const email = `${login}@idp.example`;
const [teamA, teamB, ghost] = [unique("sso-a"), unique("sso-b"), unique("sso-ghost")];

let provider: OidcTestProvider;
let admin: APIRequestContext;

test.beforeAll(async ({ playwright }) => {
  const base = baseURL();
  admin = await playwright.request.newContext({ baseURL: base, storageState: authFile("admin"), extraHTTPHeaders: { Origin: base } });
  for (const slug of [teamA, teamB]) {
    const res = await admin.post("/api/teams", { data: { slug, name: `SSO ${slug}` } });
    expect(res.status(), await res.text()).toBe(201);
  }
  provider = await startOidcProvider({
    port: Number(new URL(base).port) + OIDC_E2E.portOffset,
    clientId: OIDC_E2E.clientId,
    clientSecret: OIDC_E2E.clientSecret,
    redirectUri: `${base}/api/auth/callback/oidc`,
    // Upper case as directories often spell groups; a group with no team is ignored.
    accounts: [{ login, email, name: "Sso Person", groups: [teamA.toUpperCase(), ghost] }],
  });
});

test.afterAll(async () => {
  await provider?.close();
  await admin?.dispose();
});

/** From Edgewise's login page through the provider's login and consent pages, back signed in. */
async function signInWithProvider(page: Page) {
  await page.goto("/login");
  const sso = page.getByRole("button", { name: `Continue with ${OIDC_E2E.name}` });
  await waitForHydration(sso);
  await sso.click();
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  // Consent: the provider lists the scopes Edgewise asked for, groups among them.
  await expect(page.locator("li", { hasText: /^groups$/ })).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(`${baseURL()}/`);
  await expect(page.getByTestId("user-role")).toHaveText("viewer");
}

async function ssoUsers() {
  const res = await admin.get("/api/users");
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { items: { email: string; role: string; sso: boolean; teams: string[] }[] };
  return body.items.filter((u) => u.email === email);
}

async function expectMembers(page: Page, slug: string, listed: boolean) {
  await page.goto(`/teams/${slug}`);
  const members = page.getByRole("region", { name: "Members" });
  await expect(members.getByRole("heading", { name: /Members/ })).toBeVisible();
  if (listed) await expect(members.getByTestId("team-members").getByText(email, { exact: true })).toBeVisible();
  else await expect(members.getByText(email, { exact: true })).toHaveCount(0);
}

test("the first sign-in creates a viewer in the teams its groups claim names", async ({ page }) => {
  expect(await ssoUsers()).toEqual([]);
  await signInWithProvider(page);
  expect(await ssoUsers()).toEqual([expect.objectContaining({ email, role: "viewer", sso: true, teams: [teamA] })]);
  await expectMembers(page, teamA, true);
  await expectMembers(page, teamB, false);
});

test("a later sign-in finds the same user and follows the changed claim", async ({ page }) => {
  provider.accounts.get(login)!.groups = [teamB];
  await signInWithProvider(page);
  const users = await ssoUsers();
  expect(users).toHaveLength(1);
  expect(users[0]).toMatchObject({ role: "viewer", teams: [teamB] });
  await expectMembers(page, teamB, true);
  await expectMembers(page, teamA, false);
});
