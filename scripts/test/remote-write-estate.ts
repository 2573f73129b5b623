// What the remote-write integration tests send from: two services with a declared integration point,
// a member of their team, and a telemetry:write token; the span-metric labels of a call between them.
import { systemActor } from "@/lib/auth/actor";
import { createToken } from "@/lib/auth/api-tokens";
import { createIntegration } from "@/lib/catalog/integrations";
import { actorFor, makeService, makeTeam, makeUser } from "./factories";

export async function remoteWriteToken(scopes: ("telemetry:write" | "catalog:read")[]) {
  const user = await makeUser("member");
  return (await createToken(systemActor("test"), { name: "prom", scopes, userEmail: user.email })).token;
}

export async function remoteWriteEstate() {
  const team = await makeTeam();
  const [a, b] = [await makeService(team.id), await makeService(team.id)];
  const member = await actorFor("member", [team.id]);
  const { view } = await createIntegration(member, { sourceService: a.slug, targetService: b.slug, operation: "call", style: "sync", protocol: "http", budget: { p99Ms: 100 } });
  /** Tempo's spanmetrics labels for the client side of a call from a to b, with this status code. */
  const labels = (code: string) => ({ job: "tempo", instance: "127.0.0.1:9", service: a.slug, span_name: "call", span_kind: "SPAN_KIND_CLIENT", status_code: code, peer_service: b.slug });
  return { a: a.slug, b: b.slug, member, key: view.key, labels, auth: `Bearer ${await remoteWriteToken(["telemetry:write"])}` };
}
