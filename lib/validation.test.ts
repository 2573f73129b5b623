import { describe, expect, it } from "vitest";
import { z } from "zod";
import { providedOnly } from "./validation";

describe("providedOnly", () => {
  const schema = z.object({ a: z.string(), b: z.number().default(3), c: z.array(z.string()).default([]) }).partial();
  it("drops the defaults zod fills in for keys the caller did not send", () => {
    const input = { a: "x" };
    expect(schema.parse(input)).toEqual({ a: "x", b: 3, c: [] });
    expect(providedOnly(input, schema.parse(input))).toEqual({ a: "x" });
  });
  it("keeps sent keys even when their value equals the default", () => {
    const input = { b: 3, c: [] };
    expect(providedOnly(input, schema.parse(input))).toEqual({ b: 3, c: [] });
  });
});
