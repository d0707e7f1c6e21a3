"use client";

import { useState } from "react";
import { Alert, cn } from "@outpost/ui";
import { CopyButton } from "./copy-button";

type Commands = { cli: string; docker: string };

/** The runner's start command (CLI or Docker), to copy to the machine inside the private network. */
export function InstallCommands({ commands, withKey }: { commands: Commands; withKey: boolean }) {
  const [variant, setVariant] = useState<"cli" | "docker">("cli");
  const command = commands[variant];
  return (
    <div className="space-y-4">
      <div role="tablist" aria-label="How to run the runner" className="flex gap-1 rounded-md bg-slate-100 p-1 text-sm">
        {(
          [
            ["cli", "Outpost CLI"],
            ["docker", "Docker"],
          ] as const
        ).map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={variant === id}
            onClick={() => setVariant(id)}
            className={cn(
              "flex-1 rounded px-3 py-1.5 font-medium",
              variant === id ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900",
            )}
          >
            {label}
          </button>
        ))}
      </div>
      <div>
        <p className="mb-2 text-sm text-slate-600">
          {variant === "cli"
            ? "Run this command on a machine in your internal network:"
            : "Or run the runner as a container, for example in a virtual private cloud:"}
        </p>
        <pre
          aria-label="Runner command"
          className="overflow-x-auto whitespace-pre-wrap break-all rounded-md bg-slate-900 px-4 py-3 font-mono text-sm text-slate-100"
        >
          <code>{command}</code>
        </pre>
      </div>
      <CopyButton text={command} />
      {withKey ? (
        <Alert tone="info">
          You can&apos;t access the runner key again later. You can reset the runner key later, if needed.
        </Alert>
      ) : (
        <p className="text-sm text-slate-600">
          The runner key was shown once, when the runner was created. If you no longer have it, reset the key.
        </p>
      )}
    </div>
  );
}
