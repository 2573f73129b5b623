"use client";
import { signIn } from "next-auth/react";
import { useEffect, useState, type FormEvent } from "react";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  OAuthSignin: "Single sign-on could not start. Try again.",
  OAuthCallback: "Single sign-on failed. Try again.",
  AccessDenied: "This account is disabled.",
};

export function LoginForm({ callbackUrl, oidcName, initialError }: { callbackUrl: string; oidcName: string | null; initialError: string | null }) {
  const [error, setError] = useState<string | null>(initialError ? (MESSAGES[initialError] ?? initialError) : null);
  const [pending, setPending] = useState(false);
  // Until the script runs, a native submit would bypass signIn(); keep the button disabled till then.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { email: data.get("email"), password: data.get("password"), redirect: false });
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setError(result?.error ? (MESSAGES[result.error] ?? result.error) : "Sign-in failed. Try again.");
  }

  return (
    <>
      <form method="post" onSubmit={onSubmit} aria-label="Sign in">
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required autoFocus />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <div className="notice notice-danger" role="alert">
            {error}
          </div>
        )}
        <button className="btn btn-primary" disabled={!ready || pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {oidcName && (
        <button className="btn" style={{ width: "100%", marginTop: ".75rem" }} onClick={() => void signIn("oidc", { callbackUrl })}>
          Continue with {oidcName}
        </button>
      )}
    </>
  );
}
