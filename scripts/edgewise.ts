// The `edgewise` command (npm run edgewise -- …): administration from the shell, with or without a
// running server — it uses the app's embedded database when one is running, else starts it briefly.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { migrate } from "../lib/db/migrate";
import { openDatabase } from "../lib/db/open";
import { parseEnv } from "../lib/env";

const USAGE = `Usage: npm run edgewise -- <command>

  token create --name NAME --scopes a,b --user EMAIL [--expires-days N]
                       prints the new token alone on the last line
  token list
  token revoke ID
  user create --email EMAIL --name NAME [--role viewer|member|architect|admin] [--password PW] [--teams a,b]
  user set-role --email EMAIL --role ROLE
  migrate

Scopes: catalog:read, catalog:write, decisions:write, telemetry:write, admin`;

class UsageError extends Error {}

function need(values: Record<string, unknown>, key: string): string {
  const v = values[key];
  if (typeof v !== "string" || !v) throw new UsageError(`Missing --${key}`);
  return v;
}
const list = (v: unknown) => (typeof v === "string" && v ? v.split(",").map((s) => s.trim()).filter(Boolean) : []);

async function run(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: "string" },
      scopes: { type: "string" },
      user: { type: "string" },
      email: { type: "string" },
      role: { type: "string" },
      password: { type: "string" },
      teams: { type: "string" },
      "expires-days": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [group, command, arg] = positionals;
  if (values.help || !group) {
    console.log(USAGE);
    return;
  }

  const db = await openDatabase(parseEnv(process.env), "shared");
  try {
    await migrate(db.url);
    if (group === "migrate") return console.log("Database is up to date.");
    process.env.DATABASE_URL = db.url;
    const { systemActor } = await import("../lib/auth/actor");
    const actor = systemActor("cli");
    if (group === "token") {
      const tokens = await import("../lib/auth/api-tokens");
      if (command === "create") {
        const days = values["expires-days"];
        const { token, view } = await tokens.createToken(actor, {
          name: need(values, "name"),
          scopes: list(values.scopes) as never,
          userEmail: need(values, "user"),
          expiresInDays: days ? Number(days) : null,
        });
        console.log(`Created token "${view.name}" (${view.id}) for ${view.user.email} with scopes ${view.scopes.join(", ")}.`);
        console.log("Store it now: it is not shown again.");
        console.log(token);
      } else if (command === "list") {
        for (const t of await tokens.listTokens(actor)) {
          console.log(`${t.id}  ${t.prefix}…  ${t.name}  ${t.user.email}  [${t.scopes.join(",")}]  ${t.revokedAt ? "revoked" : `last used ${t.lastUsedAt ?? "never"}`}`);
        }
      } else if (command === "revoke" && arg) {
        const t = await tokens.revokeToken(actor, arg);
        console.log(`Revoked token "${t.name}" (${t.id}).`);
      } else throw new UsageError(`Unknown token command: ${command ?? ""}`);
    } else if (group === "user") {
      const users = await import("../lib/admin/users");
      if (command === "create") {
        const generated = values.password ? null : randomBytes(12).toString("base64url");
        const u = await users.createUser(actor, {
          email: need(values, "email"),
          name: need(values, "name"),
          role: (values.role ?? "viewer") as never,
          password: values.password ?? generated!,
          teams: list(values.teams),
        });
        console.log(`Created ${u.role} ${u.email}.${generated ? ` Initial password: ${generated}` : ""}`);
      } else if (command === "set-role") {
        const email = need(values, "email").toLowerCase();
        const { db: prisma } = await import("../lib/db/client");
        const found = await prisma().user.findUnique({ where: { email } });
        if (!found) throw new UsageError(`No user ${email}`);
        const u = await users.updateUser(actor, found.id, { role: need(values, "role") as never });
        console.log(`${u.email} is now ${u.role}.`);
      } else throw new UsageError(`Unknown user command: ${command ?? ""}`);
    } else throw new UsageError(`Unknown command: ${group}`);
  } finally {
    const { disconnectDb } = await import("../lib/db/client");
    await disconnectDb();
    await db.close();
  }
}

run(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof UsageError) console.error(`${err.message}\n\n${USAGE}`);
  else if ((err as { issues?: unknown }).issues) console.error("Invalid input:", (err as { issues: { path: unknown[]; message: string }[] }).issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  else console.error((err as Error).message ?? err);
  process.exit(1);
});
