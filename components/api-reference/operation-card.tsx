import { plural } from "@/lib/format/plural";
import { FieldTable } from "./field-table";
import type { OperationView } from "./reference-model";
import styles from "./api-reference.module.css";

const methodClass: Record<string, string | undefined> = { GET: styles.get, POST: styles.post, PATCH: styles.patch, DELETE: styles.delete };
/** Long bodies (an integration point has ~60 fields) start folded so the list stays scannable. */
const OPEN_UP_TO = 10;

export function OperationCard({ op }: { op: OperationView }) {
  return (
    <article className={`card ${styles.op}`} id={op.id} data-testid="api-operation" aria-labelledby={`${op.id}-method ${op.id}-title`}>
      <header className={styles.opHeader}>
        <span className={`${styles.method} ${methodClass[op.method] ?? ""}`} id={`${op.id}-method`}>
          {op.method}
        </span>
        <code className={styles.path} id={`${op.id}-title`}>
          {op.path}
        </code>
        <span className={styles.scope} data-testid="api-scope">
          {op.scope ? (
            <>
              scope <code>{op.scope}</code>
            </>
          ) : (
            "public, no token"
          )}
        </span>
      </header>
      <p className={styles.summary}>{op.summary}</p>
      {op.query.length > 0 && (
        <details className={styles.fields} open>
          <summary>Query parameters ({op.query.length})</summary>
          <FieldTable rows={op.query} label={`Query parameters of ${op.method} ${op.path}`} />
        </details>
      )}
      {op.body.length > 0 && (
        <details className={styles.fields} open={op.body.length <= OPEN_UP_TO}>
          <summary>
            Request body, {op.bodyTypes.join(" or ")} ({plural(op.body.length, "field")}, <span className={styles.required}>*</span> required)
          </summary>
          <FieldTable rows={op.body} label={`Request body of ${op.method} ${op.path}`} />
        </details>
      )}
      {op.produces !== "application/json" && <p className="muted">Answers {op.produces === "no content" ? "204 with no content" : <code>{op.produces}</code>}.</p>}
    </article>
  );
}
