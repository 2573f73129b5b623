// Loading skeletons for decision routes: the page's shape in grey while its server data arrives.
import { LoadingRows } from "@/components/ui/states";
import css from "./decisions.module.css";

function HeaderSkeleton() {
  return (
    <div className="page-header" aria-hidden>
      <div style={{ width: "min(520px, 85%)" }}>
        <div className="skeleton" style={{ height: "1.6rem", width: "60%" }} />
        <div className="skeleton" style={{ marginTop: ".5rem", width: "90%" }} />
      </div>
    </div>
  );
}

export function ListSkeleton() {
  return (
    <>
      <HeaderSkeleton />
      <div className="card skeleton" style={{ height: "4.5rem", marginBottom: "1rem" }} aria-hidden />
      <LoadingRows rows={8} />
    </>
  );
}

export function RecordSkeleton() {
  return (
    <>
      <HeaderSkeleton />
      <div className={css.layout}>
        <div className={css.main}>
          <LoadingRows rows={4} />
          <LoadingRows rows={3} />
          <LoadingRows rows={5} />
        </div>
        <div className={css.side}>
          <LoadingRows rows={3} />
          <LoadingRows rows={4} />
        </div>
      </div>
    </>
  );
}

export function FormSkeleton() {
  return (
    <>
      <HeaderSkeleton />
      <LoadingRows rows={3} />
      <LoadingRows rows={5} />
      <LoadingRows rows={4} />
    </>
  );
}
