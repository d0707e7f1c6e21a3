export function Logo({ className = "h-7 w-7" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <rect width="32" height="32" rx="7" className="fill-indigo-600" />
      <path d="M16 6 25 11v10l-9 5-9-5V11z" fill="none" stroke="white" strokeWidth="2.2" strokeLinejoin="round" />
      <circle cx="16" cy="16" r="3" fill="white" />
    </svg>
  );
}
