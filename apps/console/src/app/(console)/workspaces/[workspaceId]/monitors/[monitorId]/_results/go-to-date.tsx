"use client";

import { useId, useState } from "react";
import { Button } from "@outpost/ui";

/** "Go to" a day of the run history: the page starts with that day's first run (where the user is). */
export function GoToDate({ onGoTo }: { onGoTo: (at: Date) => void }) {
  const id = useId();
  const [day, setDay] = useState("");
  return (
    <form
      className="flex items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (day) onGoTo(new Date(`${day}T00:00:00`));
      }}
    >
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        Go to date
      </label>
      <input
        id={id}
        type="date"
        value={day}
        max={new Date().toISOString().slice(0, 10)}
        onChange={(event) => setDay(event.target.value)}
        className="rounded-md bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:outline-none focus:ring-2 focus:ring-indigo-600"
      />
      <Button type="submit" variant="secondary" disabled={!day}>
        Go to
      </Button>
    </form>
  );
}
