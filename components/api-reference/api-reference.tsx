// The readable API reference: what every operation needs and takes, from the OpenAPI document.
import { OperationCard } from "./operation-card";
import type { TagGroup } from "./reference-model";
import styles from "./api-reference.module.css";

const anchor = (tag: string) => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

export function ApiReference({ groups }: { groups: TagGroup[] }) {
  if (groups.length === 0) {
    return (
      <div className="card empty">
        <h2>No operations described</h2>
        <p>The OpenAPI document lists no operations: every route needs its line in lib/http/api-operations.ts.</p>
      </div>
    );
  }
  return (
    <>
      <nav aria-label="Operations by area">
        <ul className={styles.toc}>
          {groups.map((g) => (
            <li key={g.tag}>
              <a href={`#${anchor(g.tag)}`}>{g.tag}</a> <span className={styles.count}>{g.operations.length}</span>
            </li>
          ))}
        </ul>
      </nav>
      {groups.map((g) => (
        <section key={g.tag} className={styles.group} aria-labelledby={anchor(g.tag)} data-testid="api-group">
          <h2 id={anchor(g.tag)}>{g.tag}</h2>
          {g.description && <p className={styles.groupIntro}>{g.description}</p>}
          {g.operations.map((op) => (
            <OperationCard key={op.id} op={op} />
          ))}
        </section>
      ))}
    </>
  );
}
