import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { measureCpu } from "./cpu";

/** Above this, something else is running and every figure is skewed by it. */
const BUSY_WARNING_PERCENT = 15;

/** The facts a reader needs to compare figures between machines. */
export function describeMachine(database: string): string[] {
  const cpus = os.cpus();
  const models = [...new Set(cpus.map((cpu) => cpu.model.trim()))].join(", ");
  return [
    `CPU: ${models || "unknown"} × ${cpus.length}`,
    `Memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB`,
    `OS: ${os.type()} ${os.release()} ${os.arch()}`,
    `Node: ${process.version}`,
    `Database: ${database}`,
  ];
}

/** Prints the machine, and how busy it was for 2 s before the benchmark starts. */
export async function printMachine(title: string, database: string) {
  console.log(`# ${title}`);
  for (const line of describeMachine(database)) console.log(`  ${line}`);
  const stop = measureCpu({});
  await sleep(2_000);
  const { machinePercent } = stop();
  const warning = machinePercent > BUSY_WARNING_PERCENT ? " (other work is running: the figures below are skewed by it)" : "";
  console.log(`  Busy before start: ${machinePercent.toFixed(0)}%${warning}`);
  console.log();
}
