// The `edgewise` command (the package's bin, or npm run edgewise -- …): catalog-as-code checks and
// pushes for CI, and administration from the shell, with or without a running server — it uses the
// app's embedded database when one is running, else starts it briefly. `check` and `push` never load
// the database: each command loads what it needs only when it runs.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";

const USAGE = `Usage: edgewise <command>   (or: npm run edgewise -- <command>)

  check <files or folders…> [--format text|json|github]
                       validates catalog YAML and runs the declaration-level policy rules, offline;
                       exits 1 on any error
  push <files or folders…> --server URL --token T [--dry-run] [--prune]
                       imports into a running Edgewise (or EDGEWISE_SERVER / EDGEWISE_TOKEN)
  token create --name NAME --scopes a,b --user EMAIL [--expires-days N]
                       prints the new token alone on the last line
  token list
  token revoke ID
  user create --email EMAIL --name NAME [--role viewer|member|architect|admin] [--password PW] [--teams a,b]
  user set-role --email EMAIL --role ROLE
  migrate

Scopes: catalog:read, catalog:write, decisions:write, telemetry:write, metrics:read, admin`;

class UsageError extends Error {}

function need(values: Record<string, unknown>, key: string): string {
  const v = values[key];
  if (typeof v !== "string" || !v) throw new UsageError(`Missing --${key}`);
  return v;
}
const list = (v: unknown) => (typeof v === "string" && v ? v.split(",").map((s) => s.trim()).filter(Boolean) : []);

async function check(paths: string[], format: string) {
  const { checkFormats, checkPaths, formatReport } = await import("./catalog-check");
  if (!(checkFormats as readonly string[]).includes(format)) throw new UsageError(`--format is one of ${checkFormats.join(", ")}`);
  if (paths.length === 0) throw new UsageError("Name the catalog files or folders to check");
  const report = checkPaths(paths);
  console.log(formatReport(report, format as (typeof checkFormats)[number]));
  if (report.errors > 0) process.exitCode = 1;
}

async function push(paths: string[], values: Record<string, unknown>) {
  const { readCatalogFiles } = await import("./catalog-check");
  const { formatPlan, formatFailure } = await import("./catalog-push");
  const server = (values.server as string | undefined) ?? process.env.EDGEWISE_SERVER;
  const token = (values.token as string | undefined) ?? process.env.EDGEWISE_TOKEN;
  if (!server) throw new UsageError("Missing --server (or EDGEWISE_SERVER)");
  if (!token) throw new UsageError("Missing --token (or EDGEWISE_TOKEN)");
  if (paths.length === 0) throw new UsageError("Name the catalog files or folders to push");
  const files = readCatalogFiles(paths);
  const res = await fetch(new URL("/api/catalog/import", server), {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ files, dryRun: values["dry-run"] === true, prune: values.prune === true }),
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    console.error(formatFailure(res.status, body));
    process.exitCode = 1;
    return;
  }
  console.log(formatPlan(body as never));
}

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
      format: { type: "string" },
      server: { type: "string" },
      token: { type: "string" },
      "dry-run": { type: "boolean" },
      prune: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [group, command, arg] = positionals;
  if (values.help || !group) {
    console.log(USAGE);
    return;
  }

  if (group === "check") return check(positionals.slice(1), values.format ?? "text");
  if (group === "push") return push(positionals.slice(1), values);

  const { migrate } = await import("../lib/db/migrate");
  const { openDatabase } = await import("../lib/db/open");
  const { parseEnv } = await import("../lib/env");
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
