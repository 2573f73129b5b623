// next-auth configuration: credentials with JWT sessions, plus OIDC when its variables are set.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
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
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string; preferred_username?: string }) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.preferred_username ?? profile.email ?? profile.sub };
      },
    });
  }
  return list;
}

/** OIDC users are created on first sign-in as viewers; an admin raises their role. */
async function userForOidc(subject: string, email: string | null | undefined, name: string | null | undefined) {
  const existing = await db().user.findUnique({ where: { oidcSubject: subject } });
  if (existing) return existing;
  const fallbackEmail = (email ?? `${subject}@oidc.invalid`).toLowerCase();
  return db().$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email: fallbackEmail, name: name ?? fallbackEmail, oidcSubject: subject, role: "viewer" } });
    await tx.auditEvent.create({
      data: { actorId: user.id, actorLabel: user.email, action: "user.create.oidc", entityType: "user", entityId: user.id, after: { email: user.email, role: user.role } },
    });
    return user;
  });
}

export function authOptions(): NextAuthOptions {
  return {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers: providers(),
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        const local = await userForOidc(account.providerAccountId, user.email, user.name);
        return !local.disabledAt;
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
