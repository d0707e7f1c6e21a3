import { signOutAction } from "./actions";

export function NoTeam({ email }: { email: string }) {
  return (
    <main className="mx-auto max-w-md px-6 py-24 text-center">
      <h1 className="text-xl font-semibold">You are not in a team yet</h1>
      <p className="mt-2 text-sm text-slate-600">
        {email} is signed in, but belongs to no Outpost team. Ask a team admin to add you.
      </p>
      <form className="mt-6" action={signOutAction}>
        <button type="submit" className="text-sm font-semibold text-indigo-600 hover:text-indigo-500">
          Sign out
        </button>
      </form>
    </main>
  );
}
