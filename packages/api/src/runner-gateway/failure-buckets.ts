/**
 * Token buckets of failures, one per key (a client address, a runner id), in a map that never holds
 * more than `maxKeys` entries: when full, the least recently failing key is dropped. Dropping a key
 * only forgets failures, so the worst a flood of fresh keys can do is let one key start over.
 */
export type FailureBucketsOptions = {
  /** Failures allowed in a burst, and refilled over `windowMs`. */
  limit: number;
  windowMs: number;
  maxKeys: number;
};

type Bucket = { tokens: number; at: number };

export function createFailureBuckets({ limit, windowMs, maxKeys }: FailureBucketsOptions) {
  const buckets = new Map<string, Bucket>();
  const refillPerMs = limit / windowMs;

  function current(key: string, now: number): Bucket | undefined {
    const bucket = buckets.get(key);
    if (!bucket) return undefined;
    const tokens = Math.min(limit, bucket.tokens + (now - bucket.at) * refillPerMs);
    if (tokens >= limit) {
      // Fully refilled: the key has nothing left to remember.
      buckets.delete(key);
      return undefined;
    }
    return { tokens, at: now };
  }

  return {
    /** Milliseconds until the key may fail again, or 0 when it is not throttled. */
    retryAfterMs(key: string, now = Date.now()): number {
      const bucket = current(key, now);
      if (!bucket || bucket.tokens >= 1) return 0;
      return Math.ceil((1 - bucket.tokens) / refillPerMs);
    },
    recordFailure(key: string, now = Date.now()) {
      const bucket = current(key, now) ?? { tokens: limit, at: now };
      buckets.delete(key); // re-inserted last: the map's order is the eviction order
      buckets.set(key, { tokens: Math.max(0, bucket.tokens - 1), at: now });
      while (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!);
    },
    get size() {
      return buckets.size;
    },
  };
}
