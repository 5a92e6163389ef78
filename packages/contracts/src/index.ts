export * from "./agent";
export * from "./api-key";
export * from "./call";
export * from "./errors";
export * from "./events";
export * from "./pagination";
export * from "./quota";
export * from "./webhooks";
