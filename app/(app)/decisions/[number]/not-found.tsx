import Link from "next/link";

export default function DecisionNotFound() {
  return (
    <div className="card empty" data-testid="decision-not-found">
      <h2>No such decision record</h2>
      <p>It may have been mistyped: record addresses use the number, e.g. /decisions/12 for ADR-0012.</p>
      <Link className="btn" href="/decisions">
        All decisions
      </Link>
    </div>
  );
}
