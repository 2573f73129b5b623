// A new journey: a client form over the catalog's teams and integration points.
import { forbidden } from "next/navigation";
import { mayCreateJourneys } from "@/components/governance/access";
import { JourneyForm } from "@/components/governance/journey-form/journey-form";
import { journeyFormOptions } from "@/components/governance/journey-form/load-options";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";
import { criticalities } from "@/lib/catalog/integration-schema";

export const metadata = { title: "New journey" };

export default async function NewJourneyPage() {
  const actor = await requireSession("catalog:read", "/journeys/new");
  if (!mayCreateJourneys(actor)) forbidden();
  const { teams, stepOptions } = await journeyFormOptions(actor);
  return (
    <>
      <PageHeader title="New journey" description="A critical user path: the integration points one user action flows through, and the p99 budget the whole path must meet." />
      {teams.length === 0 ? (
        <div className="card empty">
          <h2>You are not in a team yet</h2>
          <p>Journeys belong to a team. Ask an admin to add you to yours, then come back.</p>
        </div>
      ) : (
        <JourneyForm
          initial={{ slug: "", name: "", team: teams.length === 1 ? (teams[0]?.slug ?? "") : "", criticality: "critical", budgetP99Ms: null, description: "", steps: [] }}
          teams={teams}
          stepOptions={stepOptions}
          criticalities={criticalities}
        />
      )}
    </>
  );
}
