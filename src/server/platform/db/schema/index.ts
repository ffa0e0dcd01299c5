export * from "./accounts";
export * from "./audit";
export * from "./connections";
export * from "./messaging";
export * from "./campaigns";
