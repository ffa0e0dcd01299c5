export * from "./accounts";
export * from "./audit";
export * from "./campaigns";
export * from "./connections";
export * from "./costs";
export * from "./messaging";
export * from "./outbound-webhooks";
export * from "./virtual-numbers";
