"use client";

import { useActionState } from "react";
import { Alert, Button, TextField } from "@outpost/ui";
import { signInWithPassword, type SignInState } from "./actions";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInWithPassword, {});
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.error ? <Alert>{state.error}</Alert> : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.email}
        key={state.email}
      />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
