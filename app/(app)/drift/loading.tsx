// The drift board's shape in grey while the estate's histograms are merged.
import { LoadingRows } from "@/components/ui/states";

export default function Loading() {
  return (
    <>
      <div className="page-header" aria-hidden>
        <div style={{ width: "min(520px, 80%)" }}>
          <div className="skeleton" style={{ height: "1.6rem", width: "30%" }} />
          <div className="skeleton" style={{ marginTop: ".5rem", width: "95%" }} />
        </div>
      </div>
      <div className="card skeleton" style={{ height: "3.4rem", marginBottom: "1rem" }} aria-hidden />
      <div data-testid="drift-loading">
        <LoadingRows rows={8} />
      </div>
    </>
  );
}
