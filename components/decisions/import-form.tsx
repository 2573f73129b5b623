"use client";
// Import MADR files: pick a folder (or files), preview what would be created, changed or left alone,
// then apply. Nothing is written until "Apply"; any error means nothing is applied.
import { useState, type ChangeEvent } from "react";
import { ApiError, fetchJson } from "@/lib/client/fetch-json";
import { plural } from "@/lib/format/plural";

interface Report {
  dryRun: boolean;
  created: number[];
  updated: number[];
  unchanged: number[];
  warnings?: Problem[];
}
type Problem = { file: string; path: string; message: string };

const list = (numbers: number[]) => (numbers.length ? numbers.map((n) => `ADR-${String(n).padStart(4, "0")}`).join(", ") : "none");

export function ImportForm() {
  const [files, setFiles] = useState<{ name: string; content: string }[]>([]);
  const [report, setReport] = useState<Report | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function pick(e: ChangeEvent<HTMLInputElement>) {
    const chosen = [...(e.target.files ?? [])].filter((f) => f.name.toLowerCase().endsWith(".md"));
    setFiles(await Promise.all(chosen.map(async (f) => ({ name: f.webkitRelativePath || f.name, content: await f.text() }))));
    setReport(null);
    setProblems([]);
    setError(null);
  }

  async function send(dryRun: boolean) {
    setBusy(true);
    setError(null);
    setProblems([]);
    try {
      setReport(await fetchJson<Report>("/api/decisions/import", { method: "POST", body: { files, dryRun } }));
    } catch (err) {
      setReport(null);
      if (err instanceof ApiError && Array.isArray(err.details)) setProblems(err.details as Problem[]);
      setError(err instanceof Error ? err.message : "The import failed");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card">
      <div className="form-grid">
        <label>
          A folder of MADR files
          <input type="file" multiple accept=".md,text/markdown" onChange={pick} {...{ webkitdirectory: "" }} data-testid="import-folder" />
        </label>
        <label>
          Or single files
          <input type="file" multiple accept=".md,text/markdown" onChange={pick} data-testid="import-files" />
        </label>
      </div>
      <p className="muted">{files.length ? `${plural(files.length, "Markdown file")} chosen.` : "Choose the exported .md files (front matter with number and date, then the MADR sections)."}</p>
      <div className="row">
        <button className="btn" disabled={!files.length || busy} onClick={() => void send(true)}>
          Preview (dry run)
        </button>
        <button className="btn btn-primary" disabled={!report?.dryRun || busy} onClick={() => void send(false)} title={report?.dryRun ? undefined : "Preview first"}>
          Apply import
        </button>
      </div>
      {report && (
        <div className={`notice ${report.dryRun ? "" : "notice-ok"}`} style={{ marginTop: "1rem" }} role="status" data-testid="import-report">
          <strong>{report.dryRun ? "Would be" : "Done:"}</strong> created {list(report.created)}; changed {list(report.updated)}; unchanged {list(report.unchanged)}.
          {report.warnings && report.warnings.length > 0 && (
            <details style={{ marginTop: ".5rem" }} data-testid="import-warnings">
              <summary>{plural(report.warnings.length, "warning")}: read other than as written</summary>
              <ul>
                {report.warnings.map((w, i) => (
                  <li key={i}>
                    <code>{w.file}</code> · <code>{w.path}</code>: {w.message}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
      {error && (
        <div className="notice notice-danger" style={{ marginTop: "1rem" }} role="alert">
          {error}
          {problems.length > 0 && (
            <ul>
              {problems.map((p, i) => (
                <li key={i}>
                  <code>{p.file}</code>
                  {p.path && (
                    <>
                      {" "}
                      · <code>{p.path}</code>
                    </>
                  )}
                  : {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
