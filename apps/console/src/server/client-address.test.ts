import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

const from = (forwardedFor?: string) =>
  new Request("http://console.test/api/runner/v1/instances", { headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {} });

describe("the client address of a runner request", () => {
  it("is what next start forwards when the console is reached directly", () => {
    expect(clientAddress(from("203.0.113.9"), 0)).toBe("203.0.113.9");
    expect(clientAddress(from(), 0)).toBeUndefined();
  });

  it("is the entry the trusted proxies appended, never one the client wrote", () => {
    // The client claims 10.0.0.1; the one trusted proxy appends what it saw.
    expect(clientAddress(from("10.0.0.1, 198.51.100.4"), 1)).toBe("198.51.100.4");
    // A CDN then a load balancer: the client is second from the end.
    expect(clientAddress(from("10.0.0.1, 198.51.100.4, 192.0.2.10"), 2)).toBe("198.51.100.4");
    // Fewer hops than trusted proxies: the request did not come through them all.
    expect(clientAddress(from("198.51.100.4"), 2)).toBeUndefined();
  });

  it("is bounded in length", () => {
    expect(clientAddress(from("x".repeat(500)), 0)).toHaveLength(64);
  });
});
