// next-auth configuration: credentials with JWT sessions, plus OIDC when its variables are set.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { serverLog } from "@/lib/http/request-log";
import { mergeClaims, teamsFromClaim, type Claims } from "./oidc-claims";
import { signInOidcUser } from "./oidc-user";
import { clearLoginFailures, loginBlocked, recordLoginFailure } from "./login-limit";
import { DUMMY_HASH, verifyPassword } from "./password";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(1024),
});

function clientIp(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  const real = headers?.["x-real-ip"];
  return first || (typeof real === "string" ? real : "") || "local";
}

export class LoginThrottledError extends Error {}

function providers(): NextAuthOptions["providers"] {
  const list: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const ip = clientIp(req?.headers as Record<string, unknown> | undefined);
        if (await loginBlocked(email, ip)) throw new Error("Too many failed sign-ins. Wait a few minutes and try again.");
        const user = await db().user.findUnique({ where: { email } });
        const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
        if (!user || !ok || user.disabledAt) {
          await recordLoginFailure(email, ip);
          return null;
        }
        await clearLoginFailures(email);
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ];
  const e = env();
  if (e.oidcEnabled) {
    list.push({
      id: "oidc",
      name: e.OIDC_NAME,
      type: "oauth",
      wellKnown: `${e.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: e.EDGEWISE_OIDC_SCOPES } },
      idToken: true,
      checks: ["pkce", "state"],
      // After the ID token is verified: add userinfo's claims, where conforming providers put email and groups.
      userinfo: {
        async request({ tokens, client }) {
          // next-auth types the token set as its parameters; at run time it is openid-client's TokenSet, with claims().
          const idToken = (tokens as unknown as { claims(): Claims }).claims();
          const info = client.issuer.metadata.userinfo_endpoint && tokens.access_token ? await client.userinfo(tokens.access_token) : null;
          return mergeClaims(idToken, info);
        },
      },
      profile(profile: { sub: string; email?: string; name?: string; preferred_username?: string }) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.preferred_username ?? profile.email ?? profile.sub };
      },
    });
  }
  return list;
}

/** Signs an OIDC user in: created as a viewer the first time; teams from the claim when one is configured. */
async function oidcSignIn(subject: string, user: { email?: string | null; name?: string | null }, claims: Claims): Promise<boolean> {
  const claimName = env().EDGEWISE_OIDC_TEAMS_CLAIM;
  const teams = claimName ? teamsFromClaim(claims, claimName) : null;
  const result = await signInOidcUser({ subject, email: user.email, name: user.name, teams: teams?.slugs ?? null });
  const plan = result.memberships;
  if (teams && plan && (!teams.present || teams.skipped || plan.unknown.length || plan.add.length || plan.remove.length)) {
    const log = serverLog("oidc");
    const fields = { userId: result.user.id, claim: claimName, claimPresent: teams.present, skippedValues: teams.skipped, ...plan };
    if (!teams.present) log.warn(fields, "OIDC teams claim absent from the sign-in: team memberships removed");
    else if (plan.unknown.length) log.warn(fields, "OIDC teams claim names teams that do not exist: ignored");
    else log.info(fields, "OIDC team memberships updated from the claim");
  }
  return !result.user.disabledAt;
}

export function authOptions(): NextAuthOptions {
  return {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers: providers(),
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return true;
        return oidcSignIn(account.providerAccountId, user, (profile ?? {}) as Claims);
      },
      async jwt({ token, user, account }) {
        if (account?.provider === "oidc") {
          const local = await db().user.findUnique({ where: { oidcSubject: account.providerAccountId } });
          if (local) token.uid = local.id;
        } else if (user) {
          token.uid = user.id;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user && typeof token.uid === "string") (session.user as { id?: string }).id = token.uid;
        return session;
      },
    },
  };
}
