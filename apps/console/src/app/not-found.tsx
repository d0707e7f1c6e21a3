import type { Metadata } from "next";
import Link from "next/link";
import { Logo } from "./_components/logo";

export const metadata: Metadata = { title: "Not found" };

// Next's built-in 404 page styles itself with an inline <style> element that carries no CSP nonce,
// so the browser blocks it; this one uses the console's stylesheet.
export default function NotFound() {
  return (
    <main className="flex min-h-full flex-col items-center justify-center px-6 py-12 text-center">
      <Logo className="h-10 w-10" />
      <h1 className="mt-5 text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-1 text-sm text-slate-600">It does not exist, or you do not have access to it.</p>
      <Link href="/" className="mt-6 text-sm font-medium text-indigo-600 hover:text-indigo-500">
        Back to the console
      </Link>
    </main>
  );
}
