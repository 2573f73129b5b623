// `npm run db:migrate`: applies pending migrations to DATABASE_URL or the data directory's embedded database.
import { migrate } from "../lib/db/migrate";
import { openDatabase } from "../lib/db/open";
import { parseEnv } from "../lib/env";

const db = await openDatabase(parseEnv(process.env), "shared");
try {
  const { applied, alreadyApplied } = await migrate(db.url, { log: (l) => console.log(l) });
  console.log(applied.length ? `Applied ${applied.length} migration(s); ${alreadyApplied} were already applied.` : `Up to date (${alreadyApplied} migrations applied).`);
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await db.close();
}
