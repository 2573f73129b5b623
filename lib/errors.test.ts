import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, errorStatus, mapError } from "./errors";

describe("mapError", () => {
  it.each(Object.entries(errorStatus))("maps AppError %s to %i", (code, status) => {
    const mapped = mapError(new AppError(code as keyof typeof errorStatus, "msg"));
    expect(mapped.status).toBe(status);
    expect(mapped.body).toEqual({ error: { code, message: "msg" } });
  });
  it("keeps details and headers", () => {
    const mapped = mapError(new AppError("rate_limited", "slow down", { limit: 5 }, { "Retry-After": "3" }));
    expect(mapped.body.error.details).toEqual({ limit: 5 });
    expect(mapped.headers).toEqual({ "Retry-After": "3" });
  });
  it("maps a ZodError to 422 with per-field details", () => {
    const result = z.object({ name: z.string().min(2, "too short"), tier: z.number() }).safeParse({ name: "x", tier: "1" });
    expect(result.success).toBe(false);
    const mapped = mapError(result.error);
    expect(mapped.status).toBe(422);
    expect(mapped.body.error.code).toBe("validation_failed");
    expect(mapped.body.error.message).toContain("name: too short");
    expect(mapped.body.error.details).toEqual([
      { path: "name", message: "too short" },
      { path: "tier", message: expect.stringContaining("number") },
    ]);
  });
  it("maps Prisma unique violations to 409 and missing records to 404", () => {
    const p2002 = Object.assign(new Error("Unique constraint"), { name: "PrismaClientKnownRequestError", code: "P2002", meta: { target: ["slug"] } });
    expect(mapError(p2002)).toMatchObject({ status: 409, body: { error: { code: "conflict", message: "Already exists: slug must be unique" } } });
    const p2003 = Object.assign(new Error("Foreign key constraint violated"), { name: "PrismaClientKnownRequestError", code: "P2003" });
    expect(mapError(p2003)).toMatchObject({ status: 409, body: { error: { code: "conflict" } } });
    // The driver adapter reports PostgreSQL's restrict_violation (23001) with its SQLSTATE on the cause.
    const restrict = Object.assign(new Error("update or delete violates RESTRICT"), { name: "DriverAdapterError", cause: { kind: "postgres", code: "23001" } });
    expect(mapError(restrict)).toMatchObject({ status: 409, body: { error: { code: "conflict" } } });
    const p2025 = Object.assign(new Error("not found"), { name: "PrismaClientKnownRequestError", code: "P2025" });
    expect(mapError(p2025).status).toBe(404);
  });
  it("maps an unreachable database to 503 with Retry-After", () => {
    const mapped = mapError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }));
    expect(mapped.status).toBe(503);
    expect(mapped.headers?.["Retry-After"]).toBe("5");
  });
  it("maps a database that is shutting down or starting up (SQLSTATE 57P03 on the adapter error's cause) to 503", () => {
    const shuttingDown = Object.assign(new Error("the database system is shutting down"), { name: "DriverAdapterError", cause: { kind: "postgres", code: "57P03" } });
    expect(mapError(shuttingDown).status).toBe(503);
    const startingUp = Object.assign(new Error("x"), { name: "DriverAdapterError", cause: { kind: "postgres", code: "57P03" } });
    expect(mapError(startingUp)).toMatchObject({ status: 503, headers: { "Retry-After": "5" } });
  });
  it("maps node-postgres' pooled client whose connection died to 503", () => {
    expect(mapError(new Error("Client has encountered a connection error and is not queryable")).status).toBe(503);
  });
  it("hides the message of unexpected errors", () => {
    expect(mapError(new Error("secret internals"))).toEqual({ status: 500, body: { error: { code: "internal", message: "Internal error" } } });
  });
});
