/**
 * The address a runner request came from, as the gateway's failed-authentication throttle keys it.
 * Route handlers get no socket: `next start` puts the socket's address in X-Forwarded-For, but only
 * when the request carries no such header already (next/dist/server/base-server.js). So:
 * - `trustedHops` 0 (reached directly): the header is the socket's address, unless the client sent
 *   its own, which then stands unverified (a client can claim an address, not hide behind a proxy).
 * - `trustedHops` N: each trusted proxy appended the address it saw, so the client is the Nth entry
 *   from the end; entries before it were written by the client and are ignored.
 * See docs/adr/0008-runner-authentication-throttle.md.
 */
export function clientAddress(request: Request, trustedHops: number): string | undefined {
  const hops = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const address = hops[hops.length - Math.max(1, trustedHops)];
  // Bounded: the throttle keeps addresses in memory.
  return address ? address.slice(0, 64) : undefined;
}
