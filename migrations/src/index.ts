export { MIGRATIONS_FOLDER, runMigrations } from "./migrate";
