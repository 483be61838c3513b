export { createTestDatabase, type TestDatabase } from "./db";
export * from "./fixtures";
