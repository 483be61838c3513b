import { databaseUnavailableResponse } from "@mw/core/db";
import { type NextRequest, NextResponse } from "next/server";
import { controlDb } from "./lib/db";

/**
 * Every control-plane page and action needs the database. While it is unreachable, answer 503
 * with Retry-After and a plain page at once, instead of letting each render fail as a 500 (a page
 * cannot set its own status; ADR 0012).
 */
export async function proxy(_request: NextRequest) {
  const health = controlDb().health;
  if (health && !(await health.ready())) return databaseUnavailableResponse();
  return NextResponse.next();
}

export const config = {
  // Static assets need nothing, and the probes answer for themselves (readiness reports the database).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|healthz$|readyz$|metrics$).*)"],
};
