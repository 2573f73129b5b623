// Edit a journey: the same form as creating one, with the slug fixed and a way to delete it.
import Link from "next/link";
import { forbidden } from "next/navigation";
import { mayWriteFor } from "@/components/governance/access";
import { journeyHref } from "@/components/governance/format";
import { JourneyForm } from "@/components/governance/journey-form/journey-form";
import { journeyFormOptions } from "@/components/governance/journey-form/load-options";
import { orNotFound } from "@/components/ui/or-not-found";
import { PageHeader } from "@/components/ui/page-header";
import { getTeam } from "@/lib/admin/teams";
import { requireSession } from "@/lib/auth/session";
import { criticalities } from "@/lib/catalog/integration-schema";
import { getJourney } from "@/lib/governance/journeys";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: `Edit journey ${(await params).slug}` };
}

export default async function EditJourneyPage({ params }: Props) {
  const { slug } = await params;
  const actor = await requireSession("catalog:read", `${journeyHref(slug)}/edit`);
  const journey = await orNotFound(getJourney(actor, slug));
  if (!mayWriteFor(actor, await getTeam(actor, journey.team))) forbidden();
  const { teams, stepOptions } = await journeyFormOptions(actor);
  return (
    <>
      <PageHeader title={`Edit ${journey.name}`} description={<Link href={journeyHref(slug)}>← Back to the journey</Link>} />
      <JourneyForm
        existing={slug}
        initial={{
          slug: journey.slug,
          name: journey.name,
          team: journey.team,
          criticality: journey.criticality,
          budgetP99Ms: journey.budgetP99Ms,
          description: journey.description,
          steps: journey.steps,
        }}
        teams={teams}
        stepOptions={stepOptions}
        criticalities={criticalities}
      />
    </>
  );
}
