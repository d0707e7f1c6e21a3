"use client";

import { useEffect, useState } from "react";
import { Button } from "@outpost/ui";

async function writeClipboard(text: string) {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  // Consoles served over plain HTTP on a private address have no Clipboard API: copy the old way.
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("copy refused");
}

export function CopyButton({ text, label = "Copy to clipboard" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2_500);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <span className="inline-flex items-center gap-3">
      <Button
        variant="secondary"
        onClick={() => writeClipboard(text).then(() => setState("copied"), () => setState("failed"))}
      >
        {label}
      </Button>
      <span role="status" className="text-sm">
        {state === "copied" ? <span className="text-emerald-700">Copied to clipboard</span> : null}
        {state === "failed" ? <span className="text-red-700">Couldn&apos;t copy: select the command and copy it</span> : null}
      </span>
    </span>
  );
}
