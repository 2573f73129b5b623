// Points the Prisma client of each integration-test worker at the run's database.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
