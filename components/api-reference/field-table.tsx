import type { FieldRow } from "./reference-model";
import styles from "./api-reference.module.css";

/** Query parameters or request-body fields: name (required ones marked), type, and notes. */
export function FieldTable({ rows, label }: { rows: FieldRow[]; label: string }) {
  return (
    <div className="table-wrap">
      <table aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Type</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name}>
              <td className={styles.fieldName}>
                <code>{row.name}</code>
                {row.required && (
                  <span className={styles.required} title="required">
                    *<span className="sr-only"> required</span>
                  </span>
                )}
              </td>
              <td>
                <code>{row.type}</code>
              </td>
              <td className="muted">{row.notes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
