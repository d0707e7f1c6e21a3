export * from "./client";
export * from "./data-dir-lock";
export * from "./listen";
export * from "./migrate";
export * from "./seed";
export * as schema from "./schema";
export * from "./schema";
