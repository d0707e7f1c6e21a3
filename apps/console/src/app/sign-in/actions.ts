"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "~/server/auth";

export type SignInState = { error?: string; email?: string };

const SignInForm = z.object({
  email: z.string().trim().min(1, "Enter your email.").max(320),
  password: z.string().min(1, "Enter your password.").max(1_024),
  callbackUrl: z.string().max(2_000).optional(),
});

/**
 * Only a path on this site is followed after sign-in: of any URL, absolute or not, the path is kept
 * and the origin dropped, and leading slashes are collapsed so "//host" cannot name another site.
 */
function safeCallback(url: string | undefined): string {
  if (!url) return "/";
  try {
    const { pathname, search, hash } = new URL(url, "http://callback.invalid");
    return `/${pathname.replace(/^[/\\]+/, "")}${search}${hash}`;
  } catch {
    return "/";
  }
}

export async function signInWithPassword(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = SignInForm.safeParse(Object.fromEntries(formData));
  const email = String(formData.get("email") ?? "");
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Check the form.", email };
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallback(parsed.data.callbackUrl),
    });
    return {};
  } catch (error) {
    // A successful sign-in throws Next's redirect, which must propagate.
    if (error instanceof AuthError) return { error: "Incorrect email or password.", email };
    throw error;
  }
}

export async function signInWithProvider(formData: FormData) {
  const provider = z.string().max(64).parse(formData.get("provider"));
  await signIn(provider, { redirectTo: safeCallback(formData.get("callbackUrl")?.toString()) });
}
