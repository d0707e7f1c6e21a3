// The installation operator's command line: plan changes that no console user may make.
// Usage: pnpm outpost-admin <command> --team <slug> [--plan <plan>] [--requests <n|default>]
import { parseArgs } from "node:util";
import { z } from "zod";
import { PLAN_REQUEST_QUOTAS, ServiceError, unsafeSetPlan, unsafeSetPrivateMonitoring, unsafeSetRequestQuota } from "@outpost/api";
import { teamPlan } from "@outpost/db";
import { openConfiguredDatabase } from "~/server/open-database";

const USAGE = `Usage: pnpm outpost-admin <command> --team <slug>

Commands:
  enable-private-monitoring   --team <slug>                 let an Enterprise team use runners
  disable-private-monitoring  --team <slug>
  set-plan                    --team <slug> --plan <plan>   free | basic | professional | enterprise
  set-quota                   --team <slug> --requests <n>  monthly monitor requests for this team;
                                                            "default" goes back to the plan's

Uses DATABASE_URL, or the embedded database in OUTPOST_DATA_DIR (stop the console first: the
embedded database is opened by one process at a time). Every change is recorded in the audit log.`;

const Args = z.object({
  command: z.enum(["enable-private-monitoring", "disable-private-monitoring", "set-plan", "set-quota"]),
  team: z.string().trim().min(1, "--team <slug> is required"),
  plan: z.enum(teamPlan.enumValues).optional(),
  requests: z
    .union([z.literal("default"), z.coerce.number().int("--requests must be a whole number").min(0).max(2_000_000_000)])
    .optional(),
});

async function main(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      team: { type: "string" },
      plan: { type: "string" },
      requests: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return 0;
  }
  const parsed = Args.safeParse({ command: positionals[0], team: values.team ?? "", plan: values.plan, requests: values.requests });
  if (!parsed.success) {
    console.error(`${parsed.error.issues.map((issue) => issue.message).join("\n")}\n\n${USAGE}`);
    return 2;
  }
  const { command, team, plan, requests } = parsed.data;
  if (command === "set-plan" && !plan) {
    console.error(`set-plan needs --plan (${teamPlan.enumValues.join(", ")})`);
    return 2;
  }
  if (command === "set-quota" && requests === undefined) {
    console.error("set-quota needs --requests <n> (or --requests default)");
    return 2;
  }

  const handle = await openConfiguredDatabase();
  try {
    const after =
      command === "set-plan"
        ? await unsafeSetPlan(handle.db, team, plan!)
        : command === "set-quota"
          ? await unsafeSetRequestQuota(handle.db, team, requests === "default" ? null : requests!)
          : await unsafeSetPrivateMonitoring(handle.db, team, command === "enable-private-monitoring");
    const quota = `${(after.requestQuota ?? PLAN_REQUEST_QUOTAS[after.plan]).toLocaleString("en-US")} monitor requests a month`;
    console.log(
      command === "set-quota"
        ? `Team "${after.slug}": ${quota}${after.requestQuota === null ? ` (the ${after.plan} plan's default)` : ""}.`
        : `Team "${after.slug}": plan ${after.plan}, private API monitoring ${after.privateMonitoringEnabled ? "enabled" : "disabled"}.`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ServiceError || error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
