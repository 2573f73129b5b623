import type { ReactNode } from "react";

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {description && <p>{description}</p>}
      </div>
      {actions && <div className="row">{actions}</div>}
    </div>
  );
}

export function NotBuiltYet({ what, next }: { what: string; next: string }) {
  return (
    <div className="card empty" data-testid="not-built">
      <h2>{what} is not built yet</h2>
      <p>{next}</p>
    </div>
  );
}
