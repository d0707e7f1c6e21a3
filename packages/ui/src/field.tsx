import { useId, type InputHTMLAttributes } from "react";
import { cn } from "./cn";

/** A labelled input: the label is always visible and tied to the input for screen readers. */
export function TextField({
  label,
  hint,
  error,
  className,
  id,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string; error?: string }) {
  const generated = useId();
  const inputId = id ?? generated;
  const describedBy = error ? `${inputId}-error` : hint ? `${inputId}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={cn(
          "mt-1.5 block w-full rounded-md bg-white px-3 py-2 text-sm text-slate-900 shadow-sm",
          "ring-1 ring-inset placeholder:text-slate-400 focus:outline-none focus:ring-2",
          error ? "ring-red-400 focus:ring-red-500" : "ring-slate-300 focus:ring-indigo-600",
        )}
        {...props}
      />
      {error ? (
        <p id={`${inputId}-error`} className="mt-1.5 text-sm text-red-600">
          {error}
        </p>
      ) : hint ? (
        <p id={`${inputId}-hint`} className="mt-1.5 text-sm text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
