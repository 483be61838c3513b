import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";
import prettyStream from "pino-pretty";
import { type Env, env } from "../env";
import { requestFields } from "./request-context";

/**
 * One structured logger for the apps, the worker and the scripts: JSON lines (what a log pipeline
 * ingests), pretty only when a person reads them (stdout is a terminal, or LOG_FORMAT=pretty).
 * Every line carries the service and, inside a request or job, its requestId, tenantId and actor.
 */

/** Paths whose values never reach a log line, whatever an error or object happens to hold. */
export const REDACTED_PATHS = [
  "password",
  "token",
  "secret",
  "authorization",
  "cookie",
  "apiKey",
  "signature",
  "hmacKey",
  "*.password",
  "*.token",
  "*.secret",
  "*.authorization",
  "*.cookie",
  "*.apiKey",
  "*.signature",
  "*.hmacKey",
  "headers.authorization",
  "headers.cookie",
  'headers["set-cookie"]',
  "*.headers.authorization",
  "*.headers.cookie",
];

const shared = globalThis as { __mwLogService?: string };

/** The service name on every line (set once at process start: "control-plane", "worker", …). */
export function setLogService(name: string): void {
  shared.__mwLogService = name;
}

export interface LogSettings {
  level: Env["LOG_LEVEL"];
  /** Unset: pretty only when stdout is a terminal. */
  format?: "json" | "pretty" | undefined;
}

const fromEnv = (): LogSettings => ({ level: env.LOG_LEVEL, format: env.LOG_FORMAT });

export function loggerOptions(settings: LogSettings = fromEnv()): LoggerOptions {
  return {
    level: settings.level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => ({ service: shared.__mwLogService ?? "platform", ...requestFields() }),
    serializers: { err: pino.stdSerializers.err },
  };
}

function destination(settings: LogSettings): DestinationStream | undefined {
  const pretty = settings.format === "pretty" || (settings.format !== "json" && process.stdout.isTTY === true);
  if (!pretty) return undefined;
  // In-process (no transport worker thread: those do not survive Next's server bundling).
  return prettyStream({ colorize: true, ignore: "pid,hostname", translateTime: "SYS:HH:MM:ss.l" });
}

export function createLogger(settings: LogSettings = fromEnv(), dest?: DestinationStream): Logger {
  return pino(loggerOptions(settings), dest ?? destination(settings));
}

const g = globalThis as { __mwLogger?: Logger };
/** The process's logger (one per process, also across Next's module layers). */
export const log: Logger = g.__mwLogger ?? createLogger();
g.__mwLogger = log;
