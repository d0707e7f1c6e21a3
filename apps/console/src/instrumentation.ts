export async function register() {
  // Only the Node.js server process boots the console; builds and edge bundles do not.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { boot } = await import("./server/boot");
  await boot();
}
