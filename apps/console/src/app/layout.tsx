import type { Metadata } from "next";
import { TRPCReactProvider } from "~/trpc/react";
import "./globals.css";

// Every page carries a per-request CSP nonce (see proxy.ts), which a page rendered at build time
// cannot have: its scripts would be blocked. So no page is prerendered.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Outpost", template: "%s · Outpost" },
  description: "Private API monitoring: run your API checks from inside your own network.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className="bg-slate-50 antialiased">
      <body className="font-sans text-slate-900">
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
