// Points the Prisma client of each integration-test worker at the run's database.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
// What the server gets from scripts/start.ts: the app secret (notification channel secrets are sealed with it).
process.env.NEXTAUTH_SECRET ??= "integration-tests-nextauth-secret-not-for-production";
