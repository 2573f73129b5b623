import { redirect } from "next/navigation";
import { LoginForm } from "@/components/shell/login-form";
import { sessionActor } from "@/lib/auth/session";
import { safeCallback } from "@/lib/auth/callback-url";
import { env } from "@/lib/env";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await sessionActor()) redirect(callbackUrl);
  const e = env();
  return (
    <div className="login-wrap">
      <div className="card login-card">
        <div className="row">
          <img src="/icon.svg" alt="" width={28} height={28} />
          <h1 style={{ margin: 0 }}>Edgewise</h1>
        </div>
        <p className="muted">Sign in to the integration governance dashboard.</p>
        <LoginForm callbackUrl={callbackUrl} oidcName={e.oidcEnabled ? e.OIDC_NAME : null} initialError={typeof params.error === "string" ? params.error : null} />
        {process.env.EDGEWISE_DEMO === "1" && (
          <div className="notice" style={{ marginTop: "1rem", fontSize: ".85rem" }} data-testid="demo-hint">
            Demo sign-ins: <code>admin@edgewise.local</code>, <code>architect@…</code>, <code>member@…</code>, <code>viewer@…</code> with password{" "}
            <code>edgewise-demo</code>
          </div>
        )}
      </div>
    </div>
  );
}
