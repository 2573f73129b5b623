// The integration's policy findings: what to fix, why, and which are waived (and until when).
import Link from "next/link";
import type { FindingView } from "@/lib/governance/findings";

export function FindingsTab({ findings }: { findings: FindingView[] }) {
  if (findings.length === 0) {
    return (
      <div className="card empty" data-testid="no-findings">
        <h2>No findings</h2>
        <p>This declaration passes every enabled policy rule.</p>
      </div>
    );
  }
  return (
    <ul style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {findings.map((f, i) => (
        <li key={`${f.rule}-${i}`} className="card" data-testid="finding" data-rule={f.rule} data-waived={f.waived}>
          <div className="row">
            <span className={`badge severity-${f.severity}`}>{f.severity}</span>
            <strong>{f.title}</strong>
            {f.journey && <Link href={`/journeys/${f.journey}`}>journey {f.journey}</Link>}
          </div>
          <p style={{ margin: ".4rem 0" }}>{f.message}</p>
          {f.waived && f.waiver ? (
            <p className="muted" style={{ margin: 0 }}>
              Waived until {f.waiver.expiresAt.slice(0, 10)}: {f.waiver.reason}
              {f.waiver.decision ? (
                <>
                  {" "}
                  (<Link href={`/decisions/${f.waiver.decision}`}>ADR-{String(f.waiver.decision).padStart(4, "0")}</Link>)
                </>
              ) : null}
            </p>
          ) : (
            <p className="muted" style={{ margin: 0 }}>
              Fix: {f.remediation}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
