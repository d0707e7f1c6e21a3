// Runs executeJob back to back in a process of its own and reports its memory over IPC, so the
// figures are the executor's and not the benchmark's. Started by runner-rss.ts with --expose-gc.
import { executeJob } from "@outpost/runner";
import { getCollection } from "./collections";
import { DEFAULT_RUN_OPTIONS } from "./job-options";

export type RssSample = { run: number; rssBytes: number; heapUsedBytes: number };
export type RssWorkerMessage = { type: "sample"; sample: RssSample } | { type: "done" } | { type: "failed"; message: string };

const [targetUrl = "", runsText = "1000", everyText = "50", requestsText = "10"] = process.argv.slice(2);
const runs = Number(runsText);
const every = Number(everyText);
const collection = getCollection("Memory", targetUrl, Number(requestsText));
/** Present when the process was started with --expose-gc. */
const collectGarbage = (globalThis as { gc?: () => void }).gc;

const send = (message: RssWorkerMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

async function sample(run: number) {
  // Without a collection first, heapUsed says more about when V8 last collected than about leaks.
  collectGarbage?.();
  const { rss, heapUsed } = process.memoryUsage();
  await send({ type: "sample", sample: { run, rssBytes: rss, heapUsedBytes: heapUsed } });
}

await sample(0);
for (let run = 1; run <= runs; run++) {
  const result = await executeJob({ collection, environment: [], options: DEFAULT_RUN_OPTIONS });
  if (result.outcome !== "successful") {
    await send({ type: "failed", message: `Run ${run} ended ${result.outcome}: ${result.errorMessage}` });
    process.exit(1);
  }
  if (run === 1 || run % every === 0) await sample(run);
}
await send({ type: "done" });
process.exit(0);
