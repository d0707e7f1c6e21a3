import { EnvHttpProxyAgent, type Dispatcher } from "undici";

/** How the runner reaches the console: through which proxy, for which scheme, and which hosts go direct. */
export interface ProxySettings {
  /** Proxy URL for an http:// console; "" for none. */
  httpProxy: string;
  /** Proxy URL for an https:// console; "" for none. */
  httpsProxy: string;
  /** Hosts reached directly, comma- or space-separated, as in NO_PROXY. */
  noProxy: string;
}

export const DIRECT: ProxySettings = { httpProxy: "", httpsProxy: "", noProxy: "" };

/** The proxy variables the runner reads, lower-case first: where both are set, lower-case wins. */
export const PROXY_VARIABLES = ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"] as const;

/**
 * `--proxy` wins over the environment, NO_PROXY included: naming a proxy on the command line means
 * "use it for the console". Without it the usual variables apply, read the way undici documents
 * them; an HTTPS console falls back to HTTP_PROXY when HTTPS_PROXY is unset.
 */
export function resolveProxySettings(flag: string | undefined, env: NodeJS.ProcessEnv): ProxySettings {
  if (flag) return { httpProxy: withScheme(flag), httpsProxy: withScheme(flag), noProxy: "" };
  const httpProxy = withScheme(env.http_proxy || env.HTTP_PROXY || "");
  return {
    httpProxy,
    httpsProxy: withScheme(env.https_proxy || env.HTTPS_PROXY || "") || httpProxy,
    noProxy: env.no_proxy || env.NO_PROXY || "",
  };
}

/** `proxy.internal:3128` is common in proxy variables and means plain HTTP, as curl reads it. */
function withScheme(text: string): string {
  if (!text || /^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text;
  return `http://${text}`;
}

/** Whether `text` is a proxy URL the runner can use (http:// or https://, with or without credentials). */
export function isProxyUrl(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(withScheme(text)).protocol);
  } catch {
    return false;
  }
}

/** A proxy URL fit for a log line: scheme and host, and whether credentials were given, never which. */
export function describeProxy(proxyUrl: string): string {
  if (!proxyUrl) return "none";
  const url = new URL(proxyUrl);
  return `${url.protocol}//${url.username || url.password ? "[credentials]@" : ""}${url.host}`;
}

/**
 * What a log line must never show of the proxy settings. Credentials shorter than four characters
 * are left out: redacting them would garble every line, and describeProxy keeps them out anyway.
 */
export function proxySecrets(settings: ProxySettings): string[] {
  const secrets = new Set<string>();
  for (const proxyUrl of [settings.httpProxy, settings.httpsProxy]) {
    if (!proxyUrl) continue;
    const url = new URL(proxyUrl);
    if (!url.username && !url.password) continue;
    secrets.add(proxyUrl);
    for (const part of [url.username, url.password]) {
      for (const form of [part, safeDecode(part)]) if (form.length >= 4) secrets.add(form);
    }
  }
  return [...secrets];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The one way the runner talks to the console: undici's fetch with this dispatcher. It never reads
 * the environment itself (the settings were resolved once, at start). `ca` replaces Node's trusted
 * certificates for the console, the proxy and the tunnel through it.
 */
export function createConsoleDispatcher({ proxy = DIRECT, ca }: { proxy?: ProxySettings; ca?: readonly string[] } = {}): Dispatcher {
  const tls = ca ? { ca: [...ca] } : {};
  return new EnvHttpProxyAgent({ ...proxy, connect: tls, requestTls: tls, proxyTls: tls });
}
