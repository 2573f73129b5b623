// API tokens for scripts and exporters: shown once, stored hashed, scoped, capped by the owner's role.
import "server-only";
import { z } from "zod";
import { recordAudit, redact } from "@/lib/audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ACTOR_COLUMNS, actorOf, auditActor, authorize, type Actor, type ActorRow } from "./actor";
import { scopes, type Scope } from "./permissions";
import { generateToken, hashToken, looksLikeToken } from "./token-format";

export const tokenCreateSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name").max(100),
  scopes: z.array(z.enum(scopes)).min(1, "Choose at least one scope").transform((s) => [...new Set(s)]),
  userEmail: z.string().trim().toLowerCase().email("Enter the owning user's email"),
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(null),
});
export type TokenCreateInput = z.input<typeof tokenCreateSchema>;

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  user: { id: string; email: string };
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

type TokenRow = Awaited<ReturnType<typeof findTokens>>[number];
function findTokens() {
  return db().apiToken.findMany({ include: { user: { select: { id: true, email: true } } }, orderBy: { createdAt: "desc" } });
}

function view(t: TokenRow): TokenView {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes,
    user: t.user,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

export async function listTokens(actor: Actor): Promise<TokenView[]> {
  authorize(actor, "tokens:manage");
  return (await findTokens()).map(view);
}

/** Returns the token string: the only time it exists outside the caller's hands. */
export async function createToken(actor: Actor, input: TokenCreateInput): Promise<{ token: string; view: TokenView }> {
  authorize(actor, "tokens:manage");
  const data = tokenCreateSchema.parse(input);
  const owner = await db().user.findUnique({ where: { email: data.userEmail } });
  if (!owner) throw new AppError("validation_failed", `No user with email ${data.userEmail}`, [{ path: "userEmail", message: "No such user" }]);
  const { token, prefix, hash } = generateToken();
  const expiresAt = data.expiresInDays ? new Date(Date.now() + data.expiresInDays * 86_400_000) : null;
  const created = await db().$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { name: data.name, prefix, tokenHash: hash, scopes: data.scopes, userId: owner.id, expiresAt },
      include: { user: { select: { id: true, email: true } } },
    });
    await recordAudit(tx, auditActor(actor), { action: "token.create", entityType: "api_token", entityId: row.id, after: redact(row) });
    return row;
  });
  return { token, view: view(created) };
}

export async function revokeToken(actor: Actor, id: string): Promise<TokenView> {
  authorize(actor, "tokens:manage");
  if (!z.string().uuid().safeParse(id).success) throw new AppError("not_found", "No such token");
  return db().$transaction(async (tx) => {
    const before = await tx.apiToken.findUnique({ where: { id }, include: { user: { select: { id: true, email: true } } } });
    if (!before) throw new AppError("not_found", "No such token");
    if (before.revokedAt) return view(before);
    const after = await tx.apiToken.update({
      where: { id },
      data: { revokedAt: new Date() },
      include: { user: { select: { id: true, email: true } } },
    });
    await recordAudit(tx, auditActor(actor), { action: "token.revoke", entityType: "api_token", entityId: id, before: redact(before), after: redact(after) });
    return view(after);
  });
}

/**
 * The actor a bearer token stands for, or null when it is unknown, revoked, expired or its owner is
 * disabled. One round trip — the token, its owner and the owner's teams — as every API and OTLP
 * request asks it (it was three ORM queries).
 */
export async function verifyToken(raw: string): Promise<Actor | null> {
  if (!looksLikeToken(raw)) return null;
  const [row] = await db().$queryRaw<(ActorRow & { id: string; scopes: string[]; last_used_at: Date | null })[]>`
    SELECT t.id, t.scopes, t.last_used_at, ${ACTOR_COLUMNS}
    FROM api_tokens t JOIN users u ON u.id = t.user_id
    WHERE t.token_hash = ${hashToken(raw)} AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.disabled_at IS NULL`;
  if (!row) return null;
  // Last-used is informational: write it at most once a minute so hot paths don't write per request.
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await db().$executeRaw`UPDATE api_tokens SET last_used_at = now() WHERE id = ${row.id}::uuid`;
  }
  return actorOf(row, "token", { scopes: row.scopes as Scope[], tokenId: row.id });
}
