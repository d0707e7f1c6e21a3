/**
 * Addresses a monitor may not reach by default. A runner sits inside someone's cloud network, where
 * the instance metadata service hands out credentials to anything that asks; a collection must not
 * be a way to read them.
 *
 * Enforcement is the engine's own `network.restrictedAddresses`, not a pre-check of the URL here:
 * the engine checks the request host (after WHATWG normalisation, so `http://2852039166/` and
 * `[::ffff:a9fe:a9fe]` count as 169.254.169.254), every address DNS returns for a name, and every
 * redirect hop. A pre-check of our own would miss DNS names and redirects.
 */
export const DEFAULT_BLOCKED_HOSTS: readonly string[] = [
  // Link-local IPv4: AWS/GCP/Azure/OCI/DigitalOcean metadata (169.254.169.254) and the ECS task
  // metadata endpoint (169.254.170.2). A name resolving here (metadata.google.internal.) is caught too.
  "169.254.0.0/16",
  // AWS IMDS over IPv6.
  "fd00:ec2::254",
  // GCP's metadata name, refused before any DNS lookup.
  "metadata.google.internal",
  // Alibaba Cloud metadata.
  "100.100.100.200",
];

/** The engine's option shape: `{ host: true }`; entries with "/" are CIDR ranges. */
export function toRestrictedAddresses(hosts: readonly string[]): Record<string, boolean> {
  return Object.fromEntries(hosts.map((host) => [host.trim().toLowerCase(), true]));
}

// The engine reports a refused address as a fake DNS failure with this prefix; genuine DNS
// failures from Node say "getaddrinfo ENOTFOUND" without it, so the prefix identifies a block.
const RESTRICTED_PREFIX = "NETERR: getaddrinfo ENOTFOUND ";

/** Turns an engine request error into a message a user can act on. */
export function describeRequestError(err: Error & { code?: string }, requestTimeoutMs: number | null): string {
  if (err.message.startsWith(RESTRICTED_PREFIX)) {
    const host = err.message.slice(RESTRICTED_PREFIX.length);
    return `Request to ${host} blocked: cloud metadata addresses (and any other blocked host) cannot be reached from a monitor run`;
  }
  if (err.code === "ESOCKETTIMEDOUT" || err.code === "ETIMEDOUT") {
    const limit = requestTimeoutMs === null ? "" : ` after ${requestTimeoutMs} ms`;
    return `Request timed out${limit} (${err.code})`;
  }
  return err.message || String(err);
}
