export { type AppConnection, appConnection, getAppDatabase, getAppListenDatabase } from "./app-db";
export {
  DATABASE_RETRY_AFTER_SECONDS,
  DatabaseHealth,
  databaseUnavailableResponse,
  isDatabaseUnreachable,
} from "./availability";
export * from "./client";
export * from "./connect";
export { DEFAULT_EMBEDDED_PORT, type EmbeddedHandle, embeddedUrl, portFree, startEmbeddedPostgres } from "./embedded";
export { pgErrorCode, UNIQUE_VIOLATION } from "./errors";
export * as schema from "./schema/index";
