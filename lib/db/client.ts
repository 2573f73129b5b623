// The one Prisma client (server-only), over node-postgres through Prisma's driver adapter.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";

const globalForPrisma = globalThis as unknown as { edgewisePrisma?: PrismaClient };

function create(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: start Edgewise with `npm start`, which provides it.");
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10, connectionTimeoutMillis: 5000 }) });
}

/** Lazily created so that importing this module never needs a database. */
export function db(): PrismaClient {
  globalForPrisma.edgewisePrisma ??= create();
  return globalForPrisma.edgewisePrisma;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** Runs `work` in the caller's transaction when given one (so a batch, e.g. a catalog import, commits as one), else in its own. */
export function inTransaction<T>(client: Tx | undefined, work: (tx: Tx) => Promise<T>): Promise<T> {
  return client ? work(client) : db().$transaction(work);
}

export async function disconnectDb() {
  await globalForPrisma.edgewisePrisma?.$disconnect();
  globalForPrisma.edgewisePrisma = undefined;
}
