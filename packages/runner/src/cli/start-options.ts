import { parseArgs } from "node:util";
import { isWellFormedRunnerKey } from "@outpost/contracts";
import { z } from "zod";
import { isProxyUrl, PROXY_VARIABLES, resolveProxySettings, type ProxySettings } from "../agent/console-connection";
import { defaultDataDir } from "../agent/data-dir";

export interface StartConfig {
  url: string;
  runnerId: string;
  key: string;
  concurrency: number;
  /** Script sandboxes kept booted ahead of runs (see installSandboxSpares). */
  warmSandboxes: number;
  proxy: ProxySettings;
  extraCaFile: string | null;
  /** Where /metrics and /health/live are served; null without --metrics. */
  metricsEndpoint: { host: string; port: number } | null;
  dataDir: string;
}

export type ParsedStart = { help: true } | { error: string } | { config: StartConfig };

export const DEFAULT_METRICS_PORT = 9090;
export const DEFAULT_METRICS_HOST = "127.0.0.1";

/** `outpost runner start`'s flags and environment, checked; the messages never echo a secret. */
export function parseStartArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedStart {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        url: { type: "string" },
        id: { type: "string" },
        key: { type: "string" },
        concurrency: { type: "string" },
        "warm-sandboxes": { type: "string" },
        help: { type: "boolean", short: "h" },
        proxy: { type: "string" },
        "ssl-extra-ca-certs": { type: "string" },
        metrics: { type: "boolean" },
        "metrics-port": { type: "string" },
        "metrics-host": { type: "string" },
        "data-dir": { type: "string" },
      },
    }));
  } catch (err) {
    return { error: (err as Error).message };
  }
  if (values.help) return { help: true };

  const url = values.url ?? env.OUTPOST_URL ?? "";
  const runnerId = values.id ?? env.OUTPOST_RUNNER_ID ?? "";
  const key = values.key ?? env.OUTPOST_RUNNER_KEY ?? "";
  const concurrencyText = values.concurrency ?? "2";
  if (!url) return { error: "Missing --url (or OUTPOST_URL): the console's address." };
  if (!/^https?:$/.test(safeUrl(url)?.protocol ?? "")) return { error: "--url must be an http:// or https:// address." };
  if (!runnerId) return { error: "Missing --id (or OUTPOST_RUNNER_ID): the runner ID from Runner settings." };
  if (!z.uuid().safeParse(runnerId).success) return { error: "--id must be the runner ID (a UUID) from Runner settings." };
  if (!key) return { error: "Missing --key (or OUTPOST_RUNNER_KEY): the runner key from Runner settings." };
  // The value is never echoed: a mistyped key is still mostly a secret.
  if (!isWellFormedRunnerKey(key)) return { error: "--key is not a runner key (opk_…): copy it again from Runner settings." };
  const concurrency = Number(concurrencyText);
  if (!/^\d+$/.test(concurrencyText) || concurrency < 1 || concurrency > 16) return { error: "--concurrency must be a whole number from 1 to 16." };
  const warmText = values["warm-sandboxes"] ?? "1";
  const warmSandboxes = Number(warmText);
  if (!/^\d+$/.test(warmText) || warmSandboxes > 16) return { error: "--warm-sandboxes must be a whole number from 0 to 16." };

  const proxyError = checkProxies(values.proxy, env);
  if (proxyError) return { error: proxyError };
  const extraCaFile = values["ssl-extra-ca-certs"] ?? null;
  if (extraCaFile === "") return { error: "--ssl-extra-ca-certs needs the path of a PEM file." };
  const endpoint = metricsEndpoint(values);
  if (typeof endpoint === "string") return { error: endpoint };
  const dataDir = values["data-dir"] ?? env.OUTPOST_RUNNER_DATA_DIR ?? defaultDataDir(runnerId);
  if (!dataDir) return { error: "--data-dir (or OUTPOST_RUNNER_DATA_DIR) must not be empty." };

  const proxy = resolveProxySettings(values.proxy, env);
  return { config: { url, runnerId, key, concurrency, warmSandboxes, proxy, extraCaFile, metricsEndpoint: endpoint, dataDir } };
}

/** Proxy URLs may carry a password: a bad one is named by where it came from, never shown. */
function checkProxies(flag: string | undefined, env: NodeJS.ProcessEnv): string | null {
  if (flag !== undefined) {
    return isProxyUrl(flag) ? null : "--proxy must be an http:// or https:// proxy URL, such as http://proxy.internal:3128.";
  }
  const bad = PROXY_VARIABLES.find((name) => env[name] && !isProxyUrl(env[name]));
  return bad ? `The ${bad} environment variable is not an http:// or https:// proxy URL: fix it, or pass --proxy.` : null;
}

function metricsEndpoint(values: { metrics?: boolean; "metrics-port"?: string; "metrics-host"?: string }) {
  const portText = values["metrics-port"];
  const host = values["metrics-host"];
  if (!values.metrics) {
    // Nothing is ignored silently: a port without --metrics would look like metrics that never start.
    if (portText !== undefined || host !== undefined) return "--metrics-port and --metrics-host need --metrics.";
    return null;
  }
  const port = Number(portText ?? DEFAULT_METRICS_PORT);
  if (!/^\d+$/.test(portText ?? "0") || port > 65_535) return "--metrics-port must be a port number from 0 to 65535 (0: any free port).";
  if (host === "") return "--metrics-host must be an address, such as 127.0.0.1 or 0.0.0.0.";
  return { host: host ?? DEFAULT_METRICS_HOST, port };
}

function safeUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
