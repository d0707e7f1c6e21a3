"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { parseResultsParams, resultsSearch, type ResultsState } from "./results-params";

/**
 * The results view, kept in the URL. Changes apply at once in the page and are written to the URL
 * after; the URL is only read back when it changes by navigation (Back, a link), never by our own
 * writes — so two quick changes (a filter, then another) can't undo each other while the first
 * write is still on its way.
 */
export function useResultsView() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const search = searchParams.toString();
  const [view, setView] = useState(() => parseResultsParams(new URLSearchParams(search)));
  const written = useRef<string[]>([]);

  useEffect(() => {
    const ours = written.current.indexOf(search);
    if (ours >= 0) {
      written.current.splice(0, ours + 1);
      return;
    }
    written.current = [];
    setView(parseResultsParams(new URLSearchParams(search)));
  }, [search]);

  const show = (next: ResultsState) => {
    setView(next);
    const nextSearch = resultsSearch(next);
    written.current.push(nextSearch.replace(/^\?/, ""));
    router.replace(`${pathname}${nextSearch}`, { scroll: false });
  };
  return [view, show] as const;
}
