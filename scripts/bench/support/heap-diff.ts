// What grew between two V8 heap snapshots: self size and count per constructor (node type and name),
// largest growth first. Enough to name what holds memory; a retainer view is for DevTools.
import fs from "node:fs";

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export type HeapTotals = Map<string, { bytes: number; count: number }>;

export function heapTotals(file: string): HeapTotals {
  const snap = JSON.parse(fs.readFileSync(file, "utf8")) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const [typeAt, nameAt, sizeAt, width] = [fields.indexOf("type"), fields.indexOf("name"), fields.indexOf("self_size"), fields.length];
  const types = snap.snapshot.meta.node_types[0];
  const totals: HeapTotals = new Map();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]!]!;
    // Strings and code are grouped by type alone: their "names" are their contents.
    const name = type === "object" || type === "closure" || type === "native" ? snap.strings[snap.nodes[i + nameAt]!]!.slice(0, 60) : "";
    const key = `${type}${name ? ` ${name}` : ""}`;
    const t = totals.get(key) ?? { bytes: 0, count: 0 };
    t.bytes += snap.nodes[i + sizeAt]!;
    t.count += 1;
    totals.set(key, t);
  }
  return totals;
}

export function heapGrowth(before: HeapTotals, after: HeapTotals, top = 12): { what: string; bytesBefore: number; bytesAfter: number; countBefore: number; countAfter: number }[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys]
    .map((what) => ({ what, bytesBefore: before.get(what)?.bytes ?? 0, bytesAfter: after.get(what)?.bytes ?? 0, countBefore: before.get(what)?.count ?? 0, countAfter: after.get(what)?.count ?? 0 }))
    .sort((a, b) => b.bytesAfter - b.bytesBefore - (a.bytesAfter - a.bytesBefore))
    .slice(0, top);
}
