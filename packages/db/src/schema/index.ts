export * from "./enums";
export * from "./identity";
export * from "./runners";
export * from "./monitors";
export * from "./runs";
export * from "./notifications";
