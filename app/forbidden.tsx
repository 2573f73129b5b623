import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="main">
      <div className="card empty" data-testid="forbidden">
        <h2>You don&apos;t have access to this page</h2>
        <p>Your role does not allow it. Ask an admin if you need access.</p>
        <Link className="btn" href="/">Back to the overview</Link>
      </div>
    </main>
  );
}
