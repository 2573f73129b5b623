// What a client generator makes of the served document: openapi-typescript turns it into types, and a
// snippet that reads the integration list's items[0].key into a string must compile against them —
// which it cannot when the response is untyped (`unknown`), as the control compilation shows.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import { GET } from "./route";

const dir = mkdtempSync(path.join(tmpdir(), "edgewise-openapi-client-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const snippet = `import type { paths, components } from "./schema";
type IntegrationList = paths["/api/integrations"]["get"]["responses"]["200"]["content"]["application/json"];
export function firstKey(list: IntegrationList): string {
  const key: string = list.items[0].key;
  return key;
}
type Failure = paths["/api/integrations/{key}"]["get"]["responses"]["404"]["content"]["application/json"];
export const code = (f: Failure): string => f.error.code;
export const style = (i: components["schemas"]["Integration"]): "sync" | "async-event" | "async-command" | "async-queue" | "stream" | "hybrid" => i.style;
`;

/** Generates the client types from `doc` and compiles the snippet against them; the compiler's messages. */
async function compile(doc: unknown, name: string): Promise<string[]> {
  const folder = path.join(dir, name);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder);
  writeFileSync(path.join(folder, "schema.ts"), astToString(await openapiTS(doc as Parameters<typeof openapiTS>[0])));
  writeFileSync(path.join(folder, "client.ts"), snippet);
  const program = ts.createProgram([path.join(folder, "client.ts")], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("a typed client generated from the served document", () => {
  it("types the integration list, its items' key and the error envelope", async () => {
    const res = await GET(new NextRequest("http://localhost:3222/api/openapi.json"));
    const doc = (await res.json()) as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };
    expect(await compile(doc, "served")).toEqual([]);

    // The control: the same snippet against the document as it was (success bodies without a schema) does not compile.
    const untyped = structuredClone(doc);
    untyped.paths["/api/integrations"]!.get!.responses["200"]!.content!["application/json"] = {};
    const messages = await compile(untyped, "untyped");
    expect(messages.some((m) => /unknown/.test(m)), messages.join("\n")).toBe(true);
  }, 120_000);
});
