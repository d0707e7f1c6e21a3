import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { buttonClasses } from "@outpost/ui";
import { auth, oauthProviders } from "~/server/auth";
import { Logo } from "../_components/logo";
import { signInWithProvider } from "./actions";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const [{ callbackUrl, error }, session] = await Promise.all([searchParams, auth()]);
  if (session?.user) redirect("/");
  const providers = oauthProviders();

  return (
    <main className="flex min-h-full flex-col items-center justify-center px-6 py-12">
      <div className="w-full max-w-sm">
        <div className="flex flex-col items-center">
          <Logo className="h-10 w-10" />
          <h1 className="mt-5 text-2xl font-semibold tracking-tight">Sign in to Outpost</h1>
          <p className="mt-1 text-sm text-slate-600">Private API monitoring for your team</p>
        </div>
        <div className="mt-8 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          {error === "AccessDenied" ? (
            <p role="alert" className="mb-4 text-sm text-red-700">
              That account is not linked to an Outpost user. Ask a team admin to add you.
            </p>
          ) : null}
          <SignInForm callbackUrl={callbackUrl} />
          {providers.length > 0 ? (
            <div className="mt-6 space-y-2 border-t border-slate-200 pt-6">
              {providers.map((provider) => (
                <form key={provider.id} action={signInWithProvider}>
                  <input type="hidden" name="provider" value={provider.id} />
                  <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
                  <button type="submit" className={buttonClasses("secondary", "w-full")}>
                    Continue with {provider.name}
                  </button>
                </form>
              ))}
            </div>
          ) : null}
        </div>
      </div>
    </main>
  );
}
