// MADR files as the MADR project itself writes them (its own decision log, in fixtures/madr):
// every one is read, numbered from its file name, titled from its heading, with its sections.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { numberFromFileName, parseMadr, readStatus } from "./madr-parse";

const dir = join(__dirname, "fixtures", "madr");
const files = readdirSync(dir).filter((f) => /^\d{4}-.*\.md$/.test(f)).sort();

describe("MADR's own decision records", () => {
  it("are all there (19 files, 0000 to 0018)", () => {
    expect(files).toHaveLength(19);
  });

  it.each(files)("reads %s", (file) => {
    const source = readFileSync(join(dir, file), "utf8");
    const parsed = parseMadr(file, source);
    expect(parsed.number).toBe(Number(file.slice(0, 4)));
    expect(parsed.content.title).toBe(/^# (.+)$/m.exec(source)![1]!.trim());
    expect(parsed.date).toBeNull();
    expect(parsed.content.context.length).toBeGreaterThan(0);
    expect(parsed.content.options.length).toBeGreaterThan(0);
    // Their front matter is Jekyll's (parent, nav_order); only 0003 states a status.
    if (file.startsWith("0003-")) {
      expect(parsed.status).toBe("draft");
      expect(parsed.warnings).toEqual([{ path: "status", message: 'Status "on hold" is not one of Edgewise\'s; imported as draft, the nearest state' }]);
    } else {
      expect(parsed.warnings).toEqual([{ path: "status", message: "The file gives no status; imported as draft" }]);
    }
  });

  it("keeps the chosen option as the outcome", () => {
    const parsed = parseMadr("0005-use-dashes-in-filenames.md", readFileSync(join(dir, "0005-use-dashes-in-filenames.md"), "utf8"));
    expect(parsed.content.outcome).toMatch(/^Chosen option: "`NNNN-title-with-dashes\.md`", because/);
  });
});

describe("MADR's field forms", () => {
  it.each([
    ["0005-use-dashes-in-filenames.md", 5],
    ["docs/decisions/0012-x.md", 12],
    ["0000-use-madr.md", 0],
    ["adr-0001.md", null],
    ["use-dashes.md", null],
  ])("numbers %s as %s", (file, number) => {
    expect(numberFromFileName(file)).toBe(number);
  });

  it.each([
    ["accepted", "accepted", null, false],
    ["Accepted", "accepted", null, false],
    ["superseded by ADR-0123", "superseded", 123, false],
    ["superseded by [ADR-0005](0005-example.md)", "superseded", 5, false],
    ["on hold", "draft", null, true],
    ["approved", "accepted", null, true],
    ["something else", "draft", null, true],
    [null, "draft", null, true],
  ] as const)("reads status %s", (raw, status, supersededBy, warns) => {
    const read = readStatus(raw);
    expect(read).toMatchObject({ status, supersededBy });
    expect(read.warning !== null).toBe(warns);
  });

  it("reads MADR 4's decision-makers and MADR 3's deciders as comma-separated names", () => {
    const file = (front: string) => parseMadr("0007-x.md", `---\n${front}\n---\n# A decision\n`);
    expect(file("decision-makers: Oliver Kopp, jane@example.com").content.deciders).toEqual(["Oliver Kopp", "jane@example.com"]);
    expect(file("deciders: [Ann, Bob]").content.deciders).toEqual(["Ann", "Bob"]);
    expect(file("status: accepted\ndate: 2024-05-01\nconsulted: Team A, Team B\ninformed: everyone").content).toMatchObject({ consulted: ["Team A", "Team B"], informed: ["everyone"] });
    expect(() => file("decision-makers: not@an@email")).toThrow(/deciders\.0: A decider is an email address or a name/);
  });

  it("refuses a file with no number anywhere, naming where it may go", () => {
    expect(() => parseMadr("use-dashes.md", "---\nstatus: accepted\n---\n# T\n")).toThrow("use-dashes.md: number: no record number: give it in the front matter (number: 12) or the file name (0012-title.md)");
  });
});
