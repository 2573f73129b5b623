// Loading skeletons for governance routes: the page's shape in grey while its server data arrives.
import { LoadingRows } from "@/components/ui/states";
import css from "./governance.module.css";

function HeaderSkeleton({ withNav = true }: { withNav?: boolean }) {
  return (
    <>
      <div className="page-header" aria-hidden>
        <div style={{ width: "min(420px, 80%)" }}>
          <div className="skeleton" style={{ height: "1.6rem", width: "45%" }} />
          <div className="skeleton" style={{ marginTop: ".5rem", width: "85%" }} />
        </div>
      </div>
      {withNav && <div className={css.subnav} style={{ height: "2.3rem" }} aria-hidden />}
    </>
  );
}

const Block = ({ height }: { height: string }) => <div className="card skeleton" style={{ height }} aria-hidden />;

export function ListSkeleton({ withFilters = false }: { withFilters?: boolean }) {
  return (
    <>
      <HeaderSkeleton />
      {withFilters && (
        <div className={css.counts}>
          {Array.from({ length: 4 }, (_, i) => (
            <Block key={i} height="4.2rem" />
          ))}
        </div>
      )}
      {withFilters && <Block height="4.5rem" />}
      <LoadingRows rows={8} />
    </>
  );
}

export function JourneySkeleton() {
  return (
    <>
      <HeaderSkeleton withNav={false} />
      <div className={css.stats}>
        {Array.from({ length: 3 }, (_, i) => (
          <Block key={i} height="5.2rem" />
        ))}
      </div>
      <Block height="18rem" />
      <LoadingRows rows={4} />
    </>
  );
}

export function CardGridSkeleton({ cards = 4 }: { cards?: number }) {
  return (
    <>
      <HeaderSkeleton />
      <Block height="6rem" />
      <div className={css.scoreGrid} style={{ marginTop: "1rem" }}>
        {Array.from({ length: cards }, (_, i) => (
          <Block key={i} height="14rem" />
        ))}
      </div>
    </>
  );
}

export function FormSkeleton() {
  return (
    <>
      <HeaderSkeleton withNav={false} />
      <LoadingRows rows={6} />
    </>
  );
}
