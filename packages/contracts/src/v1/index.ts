export * from "./instance";
export * from "./job";
export * from "./result";
export * from "./routes";
