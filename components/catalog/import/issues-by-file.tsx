// Issues an import reported, grouped by file, each placed by line, document and field.
import type { DocumentIssue } from "@/lib/catalog/as-code/types";
import css from "./import.module.css";

export function IssuesByFile({ issues, title, tone }: { issues: DocumentIssue[]; title: string; tone: "danger" | "warning" }) {
  if (issues.length === 0) return null;
  const files = [...new Set(issues.map((i) => i.file))];
  return (
    <div className={`notice ${tone === "danger" ? "notice-danger" : ""} ${css.issues}`} role={tone === "danger" ? "alert" : "status"} data-testid={`import-issues-${tone}`}>
      <strong>{title}</strong>
      {files.map((file) => (
        <div key={file}>
          <h3 className={css.file}>{file}</h3>
          <ul>
            {issues
              .filter((i) => i.file === file)
              .map((i, n) => (
                <li key={n}>
                  <span className="muted">
                    {i.line ? `line ${i.line} · ` : ""}document {i.document + 1}
                    {i.path ? " · " : ""}
                  </span>
                  {i.path && <code>{i.path}</code>}
                  {i.path ? ": " : " "}
                  {i.message}
                </li>
              ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
