// What if: the journey simulated over its steps' observed latency, before and after a scenario of
// per-step changes; the scenario lives in the address so the page can be shared.
import Link from "next/link";
import { journeyHref } from "@/components/governance/format";
import { readState } from "@/components/governance/what-if/scenario-url";
import { WhatIf } from "@/components/governance/what-if/what-if";
import { orNotFound } from "@/components/ui/or-not-found";
import { requireSession } from "@/lib/auth/session";
import { attachTargets } from "@/lib/decisions/evidence";
import { getJourney } from "@/lib/governance/journeys";
import { whatIfSteps } from "@/lib/governance/simulate/run";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  return { title: `What if · ${(await params).slug}` };
}

export default async function WhatIfPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const actor = await requireSession("catalog:read", `${journeyHref(slug)}/what-if`);
  const journey = await orNotFound(getJourney(actor, slug));
  const steps = await whatIfSteps(actor, slug);
  const { state, problem } = readState(await searchParams);
  // Records this visitor may attach evidence to: draft or proposed, their own (architects: any).
  const targets = await attachTargets(actor);

  return (
    <>
      <div className="page-header">
        <div style={{ minWidth: 0 }}>
          <p className="muted" style={{ margin: "0 0 .25rem" }}>
            <Link href="/journeys">Journeys</Link> / <Link href={journeyHref(slug)}>{journey.name}</Link> / what if
          </p>
          <h1>What if: {journey.name}</h1>
          <p>
            Simulates requests through the journey&apos;s {steps.length} steps, drawing each call from the step&apos;s observed latency and errors (the last 7 days)
            or, without telemetry, from its declared budget — then again with your changes. Steps run one after another (journeys have no parallel groups);
            asynchronous steps leave the request path and are held against their own delivery-lag budget.
          </p>
        </div>
      </div>
      {steps.length === 0 ? (
        <div className="card empty">
          <h2>No live steps</h2>
          <p>
            This journey has no steps to simulate. <Link href={`${journeyHref(slug)}/edit`}>Add integration points to it</Link> first.
          </p>
        </div>
      ) : (
        <WhatIf slug={slug} steps={steps} initial={state} problem={problem} attachTargets={targets} />
      )}
    </>
  );
}
