export * from "./client";
export * from "./connect";
export { type EmbeddedHandle, embeddedUrl, startEmbeddedPostgres } from "./embedded";
export * as schema from "./schema/index";
