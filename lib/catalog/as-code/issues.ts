// Issues in reading order (file, document, line), and a one-line summary for error messages.
import type { DocumentIssue } from "./types";

export function sortIssues(issues: DocumentIssue[]): DocumentIssue[] {
  return [...issues].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.document - b.document || (a.line ?? 0) - (b.line ?? 0)));
}

export function describeIssue(i: DocumentIssue): string {
  return `${i.file}${i.line ? `:${i.line}` : ""} (document ${i.document + 1}${i.path ? `, ${i.path}` : ""}): ${i.message}`;
}

export function summarizeIssues(issues: DocumentIssue[]): string {
  const first = issues.slice(0, 3).map(describeIssue).join("; ");
  return issues.length > 3 ? `${first}; and ${issues.length - 3} more` : first;
}
