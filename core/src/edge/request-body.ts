/**
 * Refusing oversized and malformed request bodies at the edge (issue 8.4, ADR 0011), in proxy.ts,
 * before Next reads them: Next answers an action body over its limit, a broken multipart body or an
 * undecodable action reply with HTTP 500 (its action handler maps every error to 500).
 */

/** Largest body either app accepts: forms, and the theme editor's tokens with two data: images. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** The same limit in the form next.config's `serverActions.bodySizeLimit` takes. */
export const MAX_BODY_SIZE_SETTING = "1mb";

export interface BodyRefusal {
  status: 400 | 411 | 413;
  code: string;
  message: string;
}

const WITH_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** What the request says about its body's length, checked against `limit` before any byte is read. */
export function checkDeclaredLength(method: string, headers: Headers, limit = MAX_BODY_BYTES): BodyRefusal | null {
  if (!WITH_BODY.has(method.toUpperCase())) return null;
  const length = headers.get("content-length");
  if (length === null) {
    // A body without a declared length (chunked) could only be measured by reading it; browsers and
    // the platform's own clients always declare it.
    if (headers.get("transfer-encoding")) {
      return { status: 411, code: "length_required", message: "Send the request body with a Content-Length." };
    }
    return null;
  }
  if (!/^\d{1,15}$/.test(length.trim())) {
    return { status: 400, code: "bad_content_length", message: "The Content-Length header is not a number." };
  }
  if (Number(length) > limit) {
    return {
      status: 413,
      code: "body_too_large",
      message: `The request body is too large: at most ${Math.floor(limit / 1024)} KiB is accepted.`,
    };
  }
  return null;
}

/**
 * Whether Next would read this request as a server action: fetched actions carry `Next-Action`;
 * forms posted without JavaScript are multipart or urlencoded POSTs to a page.
 */
export function isActionRequest(method: string, headers: Headers): boolean {
  if (method.toUpperCase() !== "POST") return false;
  if (headers.get("next-action") !== null) return true;
  const type = headers.get("content-type")?.toLowerCase() ?? "";
  return type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded");
}

/** Both checks, in order: the declared length, then (for actions) the body itself. */
export async function refuseBody(request: Request): Promise<BodyRefusal | null> {
  const declared = checkDeclaredLength(request.method, request.headers);
  if (declared) return declared;
  return isActionRequest(request.method, request.headers) ? checkActionBody(request) : null;
}

/**
 * Parses an action's body the way Next will (a copy of it; the length was checked first): a
 * multipart body must be well-formed, a text body (a fetched action's encoded arguments) must be a
 * JSON array. Null when it is; the refusal otherwise.
 */
export async function checkActionBody(request: Request): Promise<BodyRefusal | null> {
  const type = request.headers.get("content-type")?.toLowerCase() ?? "";
  if (type.startsWith("multipart/form-data")) {
    try {
      await request.clone().formData();
      return null;
    } catch {
      return { status: 400, code: "malformed_body", message: "The form data in the request body is malformed." };
    }
  }
  if (type.startsWith("application/x-www-form-urlencoded")) return null;
  if (request.headers.get("next-action") === null) return null;
  const text = await request.clone().text();
  try {
    if (Array.isArray(JSON.parse(text))) return null;
  } catch {
    // refused below
  }
  return { status: 400, code: "malformed_body", message: "The request body is not valid JSON for this action." };
}

/** The refusal as the response (JSON, like the route handlers' errors; never cached). */
export function refusalResponse(r: BodyRefusal): Response {
  return Response.json(
    { error: { code: r.code, message: r.message } },
    { status: r.status, headers: { "cache-control": "no-store" } },
  );
}
