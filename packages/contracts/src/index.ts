// Leaf package: depends on zod only. It is shared by the console and the runner, which are
// deployed separately and must keep understanding each other across one version of skew.
export * from "./protocol";
export * from "./runner-key";
export * from "./v1";
