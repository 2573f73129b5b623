// Real sign-ins through next-auth's own handler with our options: the session cookie's attributes,
// and the sign-in throttle wired into the credentials provider.
import { createRequire } from "node:module";
import path from "node:path";
import type { AuthOptions } from "next-auth";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { unique } from "@/scripts/test/factories";
import { authOptions } from "./options";
import { hashPassword } from "./password";

const PASSWORD = "correct horse battery";

// next-auth's framework-neutral core (what its Next.js handler calls); not in the package's exports map.
interface AuthResult { status?: number; body?: unknown; cookies?: { name: string; value: string; options: Record<string, unknown> }[]; redirect?: string }
const { AuthHandler } = createRequire(import.meta.url)(path.resolve("node_modules/next-auth/core/index.js")) as {
  AuthHandler: (params: { req: Record<string, unknown>; options: AuthOptions }) => Promise<AuthResult>;
};

beforeAll(() => {
  process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";
});

async function makeSignInUser() {
  const email = `${unique("cookie")}@test.local`;
  await db().user.create({ data: { email, name: email, role: "member", passwordHash: await hashPassword(PASSWORD) } });
  return email;
}

/**
 * Signs in the way the /login form does (CSRF token first, then the credentials callback), with the
 * server's public URL in NEXTAUTH_URL as a deployment sets it.
 */
async function signIn(origin: string, email: string, password: string, ip: string) {
  const saved = process.env.NEXTAUTH_URL;
  process.env.NEXTAUTH_URL = origin;
  try {
    return await callback(origin, email, password, ip);
  } finally {
    if (saved === undefined) delete process.env.NEXTAUTH_URL;
    else process.env.NEXTAUTH_URL = saved;
  }
}

async function callback(origin: string, email: string, password: string, ip: string) {
  const options = authOptions();
  const csrf = await AuthHandler({ req: { action: "csrf", method: "GET", origin, headers: {} }, options });
  const csrfCookie = csrf.cookies!.find((c) => c.name.includes("csrf-token"))!;
  const csrfToken = (csrf.body as { csrfToken: string }).csrfToken;
  return AuthHandler({
    req: {
      action: "callback",
      providerId: "credentials",
      method: "POST",
      origin,
      headers: { "x-forwarded-for": ip },
      cookies: { [csrfCookie.name]: csrfCookie.value },
      body: { csrfToken, email, password, json: "true" },
    },
    options,
  });
}

const sessionCookie = (res: Awaited<ReturnType<typeof signIn>>) => res.cookies?.find((c) => c.name.endsWith("next-auth.session-token"));

describe("session cookies", () => {
  it("are HttpOnly, SameSite=Lax and Secure (with the __Secure- prefix) when served over https", async () => {
    const email = await makeSignInUser();
    const res = await signIn("https://edgewise.example.com", email, PASSWORD, unique("ip"));
    const cookie = sessionCookie(res);
    expect(cookie, JSON.stringify(res.cookies)).toBeDefined();
    expect(cookie!.name).toBe("__Secure-next-auth.session-token");
    expect(cookie!.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: true, path: "/" });
  });

  it("are HttpOnly and SameSite=Lax over plain http (a local install), not Secure there", async () => {
    const email = await makeSignInUser();
    const cookie = sessionCookie(await signIn("http://localhost:3000", email, PASSWORD, unique("ip")));
    expect(cookie!.name).toBe("next-auth.session-token");
    expect(cookie!.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: false });
  });

  it("no session for a wrong password", async () => {
    const email = await makeSignInUser();
    expect(sessionCookie(await signIn("https://edgewise.example.com", email, "wrong password", unique("ip")))).toBeUndefined();
  });
});

describe("sign-in throttling through the credentials provider", () => {
  it("refuses even the right password after 10 failures, from any address, until the window passes", async () => {
    const email = await makeSignInUser();
    for (let i = 0; i < 10; i++) expect(sessionCookie(await signIn("http://localhost:3000", email, `wrong-${i}`, unique("ip")))).toBeUndefined();
    const blocked = await signIn("http://localhost:3000", email, PASSWORD, unique("ip"));
    expect(sessionCookie(blocked)).toBeUndefined();
    expect(JSON.stringify(blocked)).toContain("Too%20many%20failed%20sign-ins");
    // Once the failures are older than the window, the right password works again.
    await db().loginAttempt.updateMany({ where: { email }, data: { at: new Date(Date.now() - 16 * 60_000) } });
    expect(sessionCookie(await signIn("http://localhost:3000", email, PASSWORD, unique("ip")))).toBeDefined();
  });
});
