import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";

/** Linux's USER_HZ: /proc reports CPU time in these ticks, 100 a second on every mainstream build. */
const TICKS_PER_SECOND = 100;

/** CPU time a process has used so far, from /proc/<pid>/stat (utime + stime); undefined once it is gone. */
function processCpuMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // Fields after the command name, which is in parentheses and may itself hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1000;
}

function machineTimes() {
  let busy = 0;
  let idle = 0;
  for (const { times } of os.cpus()) {
    busy += times.user + times.nice + times.sys + times.irq;
    idle += times.idle;
  }
  return { busy, idle };
}

export interface CpuUse {
  /** Per named group of processes: 100 = one core fully used. */
  processes: Record<string, number>;
  /** 100 = every core of the machine busy. */
  machinePercent: number;
  /** What the named processes do not account for (the OS, and anything else running), in % of one core. */
  restPercentOfCore: number;
}

/**
 * Starts measuring the CPU used by named groups of processes and by the whole machine; call the
 * result to stop. A process that ends in between is left out of its group.
 */
export function measureCpu(groups: Record<string, number[]>): () => CpuUse {
  const before = new Map(Object.values(groups).flat().map((pid) => [pid, processCpuMs(pid)]));
  const machineBefore = machineTimes();
  const startedAt = performance.now();
  return () => {
    const wallMs = performance.now() - startedAt;
    const used = (pid: number) => {
      const [start, end] = [before.get(pid), processCpuMs(pid)];
      return start === undefined || end === undefined ? 0 : end - start;
    };
    const processes = Object.fromEntries(
      Object.entries(groups).map(([name, pids]) => [name, (pids.reduce((sum, pid) => sum + used(pid), 0) / wallMs) * 100]),
    );
    const machine = machineTimes();
    const busy = machine.busy - machineBefore.busy;
    const total = busy + (machine.idle - machineBefore.idle);
    const machinePercent = total > 0 ? (busy / total) * 100 : 0;
    const named = Object.values(processes).reduce((sum, percent) => sum + percent, 0);
    return { processes, machinePercent, restPercentOfCore: machinePercent * os.cpus().length - named };
  };
}

/** "console 13%, runner 60%, rest 20% of one core; machine 47% busy (2 cores)" */
export function formatCpu({ processes, machinePercent, restPercentOfCore }: CpuUse): string {
  const each = Object.entries(processes).map(([name, percent]) => `${name} ${percent.toFixed(0)}%`);
  return `${[...each, `rest ${Math.max(0, restPercentOfCore).toFixed(0)}%`].join(", ")} of one core; machine ${machinePercent.toFixed(0)}% busy (${os.cpus().length} cores)`;
}
