import { describe, expect, it } from "vitest";
import { toMadr } from "./markdown";
import { MadrError, parseMadr } from "./madr-parse";
import type { DecisionView } from "./records";

const view: DecisionView = {
  number: 12,
  id: "x",
  label: "ADR-0012",
  status: "accepted",
  author: "member@edgewise.local",
  revision: 3,
  title: "Authorize payments asynchronously",
  context: "Card authorization adds **250 ms** to checkout.\n\nSecond paragraph.",
  drivers: ["checkout latency", "PCI scope"],
  options: [
    { title: "Keep synchronous authorization", pros: ["simple"], cons: ["slow", "couples checkout to the PSP"] },
    { title: "Authorize at capture", pros: ["fast checkout"], cons: [] },
    { title: "Do nothing", pros: [], cons: [] },
  ],
  outcome: "Chosen option: authorize at capture.",
  consequences: { positive: ["250 ms off the p99"], negative: ["declines are discovered later"] },
  confirmation: "The checkout p99 chart shows the drop.",
  deciders: ["architect@edgewise.local"],
  consulted: ["payments team"],
  informed: ["support"],
  tags: ["payments", "latency"],
  integrations: ["checkout->payments:authorize"],
  journeys: ["place-order"],
  supersedes: null,
  supersededBy: 15,
  teams: [],
  createdAt: "2026-10-01T10:00:00.000Z",
  updatedAt: "2026-10-03T10:00:00.000Z",
  proposedAt: "2026-10-02T10:00:00.000Z",
  decidedAt: "2026-10-03T10:00:00.000Z",
};

describe("MADR Markdown", () => {
  it("writes front matter and the MADR sections", () => {
    const md = toMadr(view);
    // MADR 4's field names, in its template's order, before Edgewise's own.
    expect(md.startsWith('---\nstatus: accepted\ndate: 2026-10-03\ndecision-makers: ["architect@edgewise.local"]\nconsulted: ["payments team"]\ninformed: ["support"]\nnumber: 12\n')).toBe(true);
    expect(md).toContain("\n# Authorize payments asynchronously\n");
    expect(md).toContain("## Considered Options\n\n* Keep synchronous authorization\n* Authorize at capture\n* Do nothing");
    expect(md).toContain("### Consequences\n\n* Good, because 250 ms off the p99\n* Bad, because declines are discovered later");
    expect(md).toContain("superseded-by: 15");
  });

  it("reads back exactly what it wrote", () => {
    const parsed = parseMadr("0012.md", toMadr(view));
    const { number, status, author, supersededBy, content } = parsed;
    expect({ number, status, author, supersededBy, date: parsed.date }).toEqual({ number: 12, status: "accepted", author: "member@edgewise.local", supersededBy: 15, date: "2026-10-03" });
    const { number: _n, id: _i, label: _l, status: _s, author: _a, revision: _r, supersedes: _x, supersededBy: _y, teams: _t, createdAt: _c, updatedAt: _u, proposedAt: _p, decidedAt: _d, ...expected } = view;
    expect(content).toEqual(expected);
  });

  it("round-trips a sparse draft (placeholders read back as empty)", () => {
    const sparse = { ...view, status: "draft" as const, context: "", outcome: "", drivers: [], options: [], consequences: { positive: [], negative: [] }, confirmation: "", supersededBy: null, decidedAt: null, proposedAt: null };
    const again = toMadr({ ...sparse, ...parseMadr("x.md", toMadr(sparse)).content });
    expect(again).toBe(toMadr(sparse));
  });

  it("reports the file and field of a bad document", () => {
    expect(() => parseMadr("bad.md", "No title, no front matter")).toThrow(new MadrError("bad.md", "title", "no '# Title' heading and no title in the front matter"));
    expect(() => parseMadr("bad.md", "---\nnumber: -1\ndate: 2026-01-01\n---\n# T\n")).toThrow(/^bad\.md: number: /);
    // A status word Edgewise does not know is read as draft, with a warning rather than a refusal.
    expect(parseMadr("odd.md", "---\nnumber: 3\ndate: 2026-01-01\nstatus: maybe\n---\n# A title\n")).toMatchObject({ status: "draft", warnings: [{ path: "status", message: 'Status "maybe" is not known; imported as draft' }] });
    expect(() => parseMadr("ok.md", "---\nnumber: 3\ndate: 2026-01-01\n---\n# A valid title\n")).not.toThrow();
  });

  it.each([
    ["a number past PostgreSQL's integer", "number: 2147483648\ndate: 2026-01-01", /^bad\.md: number: Record numbers are at most 999999999/],
    ["a successor number past it", "number: 3\ndate: 2026-01-01\nsuperseded-by: 9223372036854775808", /^bad\.md: superseded-by: /],
    ["month 13", "number: 3\ndate: 2026-13-45", /^bad\.md: date: date is not a calendar day/],
    ["day zero of year zero", "number: 3\ndate: 0000-00-00", /^bad\.md: date: date is not a calendar day/],
    ["30 February", "number: 3\ndate: 2026-02-30", /^bad\.md: date: date is not a calendar day/],
    ["a YAML timestamp that is no date", "number: 3\ndate: !!timestamp nonsense", /^bad\.md: front matter: not valid YAML/],
    ["a record superseding itself", "number: 3\ndate: 2026-01-01\nstatus: superseded\nsuperseded-by: 3", /^bad\.md: superseded-by: a record cannot supersede itself$/],
  ])("refuses %s with the field named", (_name, front, message) => {
    expect(() => parseMadr("bad.md", `---\n${front}\n---\n# A title\n`)).toThrow(message);
  });

  it("accepts 29 February of a leap year", () => {
    expect(parseMadr("ok.md", "---\nnumber: 3\ndate: 2028-02-29\n---\n# Leap\n").date).toBe("2028-02-29");
  });
});
