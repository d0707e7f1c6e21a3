import { useId, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { cn } from "./cn";

const controlClasses = (error?: string) =>
  cn(
    "mt-1.5 block w-full rounded-md bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset",
    "placeholder:text-slate-400 focus:outline-none focus:ring-2",
    error ? "ring-red-400 focus:ring-red-500" : "ring-slate-300 focus:ring-indigo-600",
  );

function Message({ id, error, hint }: { id: string; error?: string; hint?: string }) {
  if (error) {
    return (
      <p id={`${id}-error`} className="mt-1.5 text-sm text-red-600">
        {error}
      </p>
    );
  }
  return hint ? (
    <p id={`${id}-hint`} className="mt-1.5 text-sm text-slate-500">
      {hint}
    </p>
  ) : null;
}

export function TextAreaField({
  label,
  hint,
  error,
  className,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; hint?: string; error?: string }) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <textarea
        id={id}
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={controlClasses(error)}
        {...props}
      />
      <Message id={id} error={error} hint={hint} />
    </div>
  );
}

export function SelectField({
  label,
  hint,
  error,
  className,
  children,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; hint?: string; error?: string; children: ReactNode }) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={controlClasses(error)}
        {...props}
      >
        {children}
      </select>
      <Message id={id} error={error} hint={hint} />
    </div>
  );
}

export function RadioOption({
  name,
  value,
  checked,
  onChange,
  label,
  description,
  children,
}: {
  name: string;
  value: string;
  checked: boolean;
  onChange: (value: string) => void;
  label: string;
  description?: string;
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <div
      className={cn(
        "rounded-md p-3 ring-1 ring-inset",
        checked ? "bg-indigo-50/50 ring-indigo-300" : "ring-slate-200",
      )}
    >
      <div className="flex items-start gap-3">
        <input
          id={id}
          type="radio"
          name={name}
          value={value}
          checked={checked}
          onChange={() => onChange(value)}
          aria-describedby={description ? `${id}-description` : undefined}
          className="mt-0.5 h-4 w-4 accent-indigo-600"
        />
        <div className="min-w-0 flex-1">
          <label htmlFor={id} className="block text-sm font-medium text-slate-900">
            {label}
          </label>
          {description ? (
            <p id={`${id}-description`} className="text-sm text-slate-600">
              {description}
            </p>
          ) : null}
          {children}
        </div>
      </div>
    </div>
  );
}

export function CheckboxField({
  label,
  description,
  checked,
  onChange,
  children,
}: {
  label: ReactNode;
  description?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={description ? `${id}-description` : undefined}
        className="mt-0.5 h-4 w-4 accent-indigo-600"
      />
      <div className="min-w-0 flex-1">
        <label htmlFor={id} className="block text-sm font-medium text-slate-900">
          {label}
        </label>
        {description ? (
          <p id={`${id}-description`} className="text-sm text-slate-600">
            {description}
          </p>
        ) : null}
        {children}
      </div>
    </div>
  );
}

/** A titled group of form fields. */
export function FormSection({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section className="grid gap-6 border-b border-slate-200 py-6 md:grid-cols-3">
      <div>
        <h2 className="text-base font-semibold text-slate-900">{title}</h2>
        {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      </div>
      <div className="space-y-4 md:col-span-2">{children}</div>
    </section>
  );
}
