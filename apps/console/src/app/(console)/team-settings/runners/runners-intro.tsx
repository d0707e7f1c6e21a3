export function RunnersIntro() {
  return (
    <div>
      <h2 className="text-lg font-semibold">Runners</h2>
      <p className="mt-1 text-sm text-slate-600">
        Runners run your monitors from inside your internal network and securely poll Outpost for monitor runs.
      </p>
    </div>
  );
}
