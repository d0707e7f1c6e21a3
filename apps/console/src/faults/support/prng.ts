/**
 * A small seeded generator (mulberry32): the same seed replays the same choices, so a failing fault
 * run can be repeated with FAULTS_SEED. Timing still differs between runs; the choices do not.
 */
export function createPrng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    seed,
    next,
    /** An integer in [min, max]. */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    /** One of `choices`, picked with the given weights. */
    pick<T extends string>(weights: Record<T, number>): T {
      const entries = Object.entries(weights) as Array<[T, number]>;
      let roll = next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
      for (const [choice, weight] of entries) {
        roll -= weight;
        if (roll < 0) return choice;
      }
      return entries[entries.length - 1]![0];
    },
  };
}

/** FAULTS_SEED when given, else a fresh one; the suite prints it either way. */
export function faultSeed(): number {
  const given = process.env.FAULTS_SEED;
  if (given !== undefined && given !== "") {
    const seed = Number(given);
    if (!Number.isInteger(seed) || seed < 0) throw new Error(`FAULTS_SEED must be a non-negative integer, not "${given}"`);
    return seed;
  }
  return Math.floor(Math.random() * 2 ** 31);
}
