// What the overview shows while its figures load: the same shape, shimmering.
import css from "./overview.module.css";

export function OverviewSkeleton() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading the overview" data-testid="overview-loading">
      <div className={css.statusGrid}>
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="card">
            <div className="skeleton" style={{ height: "1.8rem", width: "40%" }} />
            <div className="skeleton" style={{ marginTop: ".5rem", width: "70%" }} />
          </div>
        ))}
      </div>
      <div className={css.panels}>
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="card">
            <div className="skeleton" style={{ width: "50%", marginBottom: ".8rem" }} />
            {Array.from({ length: 4 }, (_, j) => (
              <div key={j} className="skeleton" style={{ margin: ".5rem 0", width: `${90 - j * 10}%` }} />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
