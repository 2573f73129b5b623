// YAML files into source documents (pure): one or many documents per file, each with the line it
// starts on and the line of every field, so validation issues can point editors and CI at the spot.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from "yaml";
import type { DocumentIssue, SourceDocument } from "./types";

export interface SourceFile {
  name: string;
  content: string;
}

export interface ParsedFiles {
  sources: SourceDocument[];
  issues: DocumentIssue[];
}

function recordLines(node: unknown, path: string, lineOf: (offset: number) => number, out: Record<string, number>) {
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      const at = path ? `${path}.${key}` : key;
      const keyNode = item.key as Node | null;
      if (keyNode?.range) out[at] = lineOf(keyNode.range[0]);
      recordLines(item.value, at, lineOf, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const at = `${path}.${i}`;
      const n = item as Node | null;
      if (n?.range) out[at] = lineOf(n.range[0]);
      recordLines(item, at, lineOf, out);
    });
  }
}

/** How many alias expansions one document may make (the yaml library's bound on alias fan-out). */
const MAX_ALIAS_COUNT = 100;

export function parseYamlFiles(files: SourceFile[]): ParsedFiles {
  const sources: SourceDocument[] = [];
  const issues: DocumentIssue[] = [];
  for (const file of files) {
    const lineCounter = new LineCounter();
    const lineOf = (offset: number) => lineCounter.linePos(offset).line;
    const docs = parseAllDocuments(file.content, { lineCounter, prettyErrors: false, uniqueKeys: true });
    // An empty file parses to an empty stream (not an array): nothing to import from it.
    if (!Array.isArray(docs)) continue;
    docs.forEach((doc, index) => {
      if (doc.errors.length > 0) {
        for (const err of doc.errors) {
          const line = err.linePos?.[0]?.line ?? lineOf(err.pos[0]);
          issues.push({ file: file.name, document: index, path: "", message: `YAML syntax: ${err.message.split("\n")[0]}`, severity: "error", line });
        }
        return;
      }
      const contents = doc.contents as Node | null;
      // A document with nothing in it (e.g. a trailing `---`) declares nothing.
      if (contents === null || (isScalar(contents) && contents.value === null)) return;
      const lines: Record<string, number> = {};
      recordLines(contents, "", lineOf, lines);
      const line = contents.range ? lineOf(contents.range[0]) : 1;
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (err) {
        // A "billion laughs" document: aliases that expand without bound are refused, not expanded.
        if (!(err instanceof ReferenceError || err instanceof RangeError || /alias/i.test((err as Error).message))) throw err;
        issues.push({ file: file.name, document: index, path: "", message: `YAML aliases expand too far (${(err as Error).message.split("\n")[0]}); write the values out instead of nesting aliases`, severity: "error", line });
        return;
      }
      sources.push({ file: file.name, index, line, value, lines });
    });
  }
  return { sources, issues };
}

/** The line of a field, or of its nearest ancestor that has one, or of the document. */
export function lineFor(source: SourceDocument, path: string): number {
  let at = path;
  while (at) {
    const line = source.lines?.[at];
    if (line !== undefined) return line;
    at = at.includes(".") ? at.slice(0, at.lastIndexOf(".")) : "";
  }
  return source.line;
}

export function issueAt(source: SourceDocument, path: string, message: string, severity: DocumentIssue["severity"] = "error"): DocumentIssue {
  return { file: source.file, document: source.index, path, message, severity, line: lineFor(source, path) };
}
