"use client";
// Upload or paste catalog YAML, preview what the import would create, change and retire (a dry run on
// the server, the same plan the import applies), then apply it. Editing the input drops the preview,
// so what is applied is always what was last previewed.
import { useState, type ChangeEvent } from "react";
import { ApiError } from "@/lib/client/fetch-json";
import type { ImportPlan } from "@/lib/catalog/as-code/plan";
import type { DocumentIssue } from "@/lib/catalog/as-code/types";
import { writeJson } from "../request";
import { IssuesByFile } from "./issues-by-file";
import { PlanView } from "./plan-view";
import css from "./import.module.css";

type File = { name: string; content: string };
type State =
  | { step: "editing" }
  | { step: "working"; what: "preview" | "apply" }
  | { step: "previewed"; plan: ImportPlan }
  | { step: "applied"; plan: ImportPlan }
  | { step: "failed"; message: string; issues: DocumentIssue[] };

function issuesOf(err: unknown): DocumentIssue[] {
  const details = err instanceof ApiError ? (err.details as { issues?: DocumentIssue[] } | undefined) : undefined;
  return Array.isArray(details?.issues) ? details.issues : [];
}

export function CatalogImport({ canApply }: { canApply: boolean }) {
  const [files, setFiles] = useState<File[]>([]);
  const [pasted, setPasted] = useState("");
  const [prune, setPrune] = useState(false);
  const [state, setState] = useState<State>({ step: "editing" });
  const batch = [...files, ...(pasted.trim() ? [{ name: "pasted.yaml", content: pasted }] : [])];
  const busy = state.step === "working";

  const edited = () => setState({ step: "editing" });
  async function choose(e: ChangeEvent<HTMLInputElement>) {
    const chosen = [...(e.target.files ?? [])];
    setFiles(await Promise.all(chosen.map(async (f) => ({ name: f.name, content: await f.text() }))));
    edited();
  }

  async function send(dryRun: boolean) {
    setState({ step: "working", what: dryRun ? "preview" : "apply" });
    try {
      const { data } = await writeJson<ImportPlan>("/api/catalog/import", { method: "POST", body: { files: batch, dryRun, prune } });
      setState({ step: dryRun ? "previewed" : "applied", plan: data });
    } catch (err) {
      setState({ step: "failed", message: err instanceof Error ? err.message : "The import failed", issues: issuesOf(err) });
    }
  }

  return (
    <div className={css.form}>
      <form
        className="card"
        aria-label="Catalog YAML"
        onSubmit={(e) => {
          e.preventDefault();
          void send(true);
        }}
      >
        <div className={css.form}>
          <label>
            YAML files
            <input type="file" accept=".yaml,.yml,application/yaml,text/yaml" multiple onChange={(e) => void choose(e)} />
            {files.length > 0 && (
              <ul className={css.files}>
                {files.map((f) => (
                  <li key={f.name}>{f.name}</li>
                ))}
              </ul>
            )}
          </label>
          <label>
            Or paste YAML
            <textarea
              className={css.yaml}
              value={pasted}
              spellCheck={false}
              placeholder={"apiVersion: edgewise.dev/v1\nkind: Integration\nmetadata:\n  name: checkout->payments:authorize\nspec:\n  …"}
              onChange={(e) => {
                setPasted(e.target.value);
                edited();
              }}
            />
          </label>
          <div className="checks">
            <label>
              <input
                type="checkbox"
                checked={prune}
                onChange={(e) => {
                  setPrune(e.target.checked);
                  edited();
                }}
              />
              Retire integration points of the declared services that the files no longer contain
            </label>
          </div>
          <div className="row">
            <button className="btn" type="submit" disabled={busy || batch.length === 0} aria-busy={busy && state.what === "preview"}>
              {busy && state.what === "preview" ? "Previewing…" : "Preview"}
            </button>
            {canApply && state.step === "previewed" && (
              <button className="btn btn-primary" type="button" onClick={() => void send(false)}>
                Apply
              </button>
            )}
            {busy && state.what === "apply" && (
              <button className="btn btn-primary" type="button" disabled aria-busy="true">
                Applying…
              </button>
            )}
            {batch.length === 0 && <span className="muted">Choose files or paste documents, then preview what would change before anything is applied.</span>}
          </div>
        </div>
      </form>

      {state.step === "failed" && (
        <>
          <div className="notice notice-danger" role="alert" data-testid="import-error">
            Nothing was applied. {state.issues.length === 0 && state.message}
          </div>
          <IssuesByFile issues={state.issues} title="Fix these and preview again:" tone="danger" />
        </>
      )}
      {state.step === "applied" && (
        <div className="notice notice-ok" role="status" data-testid="import-done">
          Imported: {state.plan.created.length} created, {state.plan.changed.length} changed, {state.plan.retired.length} retired.
        </div>
      )}
      {(state.step === "previewed" || state.step === "applied") && (
        <>
          <PlanView plan={state.plan} />
          <IssuesByFile issues={state.plan.issues} title="Warnings" tone="warning" />
        </>
      )}
    </div>
  );
}
