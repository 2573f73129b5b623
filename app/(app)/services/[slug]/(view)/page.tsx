// One service: what it is, who owns it, and the integration points leaving and reaching it.
import Link from "next/link";
import { mayWriteFor } from "@/components/catalog/access";
import { CatalogNav } from "@/components/catalog/catalog-nav";
import { IntegrationBlock } from "@/components/catalog/integration-list-table";
import { orNotFound } from "@/components/catalog/load";
import { Markdown } from "@/components/catalog/markdown";
import css from "@/components/catalog/catalog.module.css";
import { ServiceTags } from "@/components/catalog/services-table";
import { PageHeader } from "@/components/ui/page-header";
import { getTeam } from "@/lib/admin/teams";
import { requireSession } from "@/lib/auth/session";
import { integrationListQuerySchema, listIntegrations } from "@/lib/catalog/integration-list";
import { getService } from "@/lib/catalog/services";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: (await params).slug };
}

const PAGE = "200";

export default async function ServicePage({ params }: Props) {
  const { slug } = await params;
  const actor = await requireSession("catalog:read", `/services/${slug}`);
  const service = await orNotFound(getService(actor, slug));
  const [team, outbound, inbound] = await Promise.all([
    getTeam(actor, service.team),
    listIntegrations(actor, integrationListQuerySchema.parse({ source: slug, limit: PAGE })),
    listIntegrations(actor, integrationListQuerySchema.parse({ target: slug, limit: PAGE })),
  ]);
  return (
    <>
      <PageHeader
        title={service.name}
        description={
          <>
            Service <span className="mono">{service.slug}</span> · owned by <Link href={`/teams/${team.slug}`}>{team.name}</Link> ·{" "}
            <span className="badge">Tier {service.tier}</span>
          </>
        }
        actions={
          mayWriteFor(actor, team) && (
            <Link className="btn btn-primary" href={`/catalog/new?source=${encodeURIComponent(slug)}`}>
              Declare an outbound integration
            </Link>
          )
        }
      />
      <CatalogNav />
      <div className={css.sections}>
        <section className="card" aria-label="About">
          <h2 className={css.sectionTitle}>About</h2>
          {service.description.trim() ? <Markdown>{service.description}</Markdown> : <p className="muted">No description.</p>}
        </section>
        <section className="card" aria-label="Details">
          <h2 className={css.sectionTitle}>Details</h2>
          <dl className={css.dl}>
            <dt>Type</dt>
            <dd data-testid="service-type">{service.type ?? <span className={css.unset}>Not recorded</span>}</dd>
            <dt>Lifecycle</dt>
            <dd data-testid="service-lifecycle">{service.lifecycle ?? <span className={css.unset}>Not recorded</span>}</dd>
            <dt>System</dt>
            <dd data-testid="service-system">
              {service.system ? <Link href={`/services?system=${encodeURIComponent(service.system)}`}>{service.system}</Link> : <span className={css.unset}>None</span>}
            </dd>
            <dt>Tags</dt>
            <dd data-testid="service-tags">
              <ServiceTags tags={service.tags} />
            </dd>
            <dt>Telemetry name</dt>
            <dd className="mono">{service.telemetryName}</dd>
            <dt>Links</dt>
            <dd>
              {service.links.length === 0 ? (
                <span className={css.unset}>None</span>
              ) : (
                <ul style={{ margin: 0, paddingLeft: "1.1rem" }}>
                  {service.links.map((l) => (
                    <li key={l.url}>
                      <a href={l.url} rel="noopener noreferrer nofollow" target="_blank">
                        {l.title}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </dl>
        </section>
      </div>
      <IntegrationBlock
        title="Outbound integration points"
        page={outbound}
        show="target"
        testId="outbound-integrations"
        moreHref={`/catalog?source=${slug}`}
        empty={`${service.name} calls or publishes to nothing declared yet.`}
      />
      <IntegrationBlock
        title="Inbound integration points"
        page={inbound}
        show="source"
        testId="inbound-integrations"
        moreHref={`/catalog?target=${slug}`}
        empty={`Nothing declared calls or sends to ${service.name} yet.`}
      />
    </>
  );
}
