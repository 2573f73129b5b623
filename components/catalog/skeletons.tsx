// Loading skeletons for catalog routes: the page's shape in grey while its server data arrives.
import { LoadingRows } from "@/components/ui/states";
import css from "./catalog.module.css";

function HeaderSkeleton({ withNav = false }: { withNav?: boolean }) {
  return (
    <>
      <div className="page-header" aria-hidden>
        <div style={{ width: "min(420px, 80%)" }}>
          <div className="skeleton" style={{ height: "1.6rem", width: "50%" }} />
          <div className="skeleton" style={{ marginTop: ".5rem", width: "90%" }} />
        </div>
      </div>
      {withNav && <div className={css.subnav} style={{ height: "2.3rem" }} aria-hidden />}
    </>
  );
}

export function TableSkeleton({ withFilters = false, withNav = true }: { withFilters?: boolean; withNav?: boolean }) {
  return (
    <>
      <HeaderSkeleton withNav={withNav} />
      {withFilters && <div className="card skeleton" style={{ height: "4.5rem", marginBottom: "1rem" }} aria-hidden />}
      <LoadingRows rows={8} />
    </>
  );
}

export function DetailSkeleton() {
  return (
    <>
      <HeaderSkeleton />
      <div className={css.tabs} style={{ height: "2.3rem" }} aria-hidden />
      <div className={css.sections}>
        {Array.from({ length: 6 }, (_, i) => (
          <LoadingRows key={i} rows={4} />
        ))}
      </div>
    </>
  );
}

export function FormSkeleton() {
  return (
    <>
      <HeaderSkeleton />
      <LoadingRows rows={5} />
      <LoadingRows rows={4} />
    </>
  );
}
