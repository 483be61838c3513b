import { describe, expect, it } from "vitest";
import { checkActionBody, checkDeclaredLength, isActionRequest, MAX_BODY_BYTES, refuseBody } from "../request-body";

const post = (headers: Record<string, string>, body?: string) =>
  new Request("http://localhost/sign-in", { method: "POST", headers, ...(body === undefined ? {} : { body }) });

describe("request bodies refused at the edge (issue 8.4)", () => {
  it("413 above the limit, from the declared length alone", () => {
    const h = new Headers({ "content-length": String(5 * 1024 * 1024) });
    expect(checkDeclaredLength("POST", h)).toMatchObject({ status: 413, code: "body_too_large" });
    expect(checkDeclaredLength("POST", new Headers({ "content-length": String(MAX_BODY_BYTES) }))).toBeNull();
    expect(checkDeclaredLength("GET", h)).toBeNull();
  });

  it("400 for a length that is no number, 411 for a chunked body", () => {
    expect(checkDeclaredLength("POST", new Headers({ "content-length": "12x" }))).toMatchObject({ status: 400 });
    expect(checkDeclaredLength("POST", new Headers({ "transfer-encoding": "chunked" }))).toMatchObject({ status: 411 });
    expect(checkDeclaredLength("POST", new Headers())).toBeNull();
  });

  it("knows what Next reads as an action", () => {
    expect(isActionRequest("POST", new Headers({ "next-action": "abc" }))).toBe(true);
    expect(isActionRequest("POST", new Headers({ "content-type": "multipart/form-data; boundary=x" }))).toBe(true);
    expect(isActionRequest("POST", new Headers({ "content-type": "application/json" }))).toBe(false);
    expect(isActionRequest("GET", new Headers({ "next-action": "abc" }))).toBe(false);
  });

  it("400 for broken multipart, accepts well-formed multipart", async () => {
    const broken = post({ "content-type": "multipart/form-data; boundary=XYZ" }, "--XYZ\r\nContent-Disp garbage");
    expect(await checkActionBody(broken)).toMatchObject({ status: 400, code: "malformed_body" });
    const fine = post(
      { "content-type": "multipart/form-data; boundary=XYZ" },
      '--XYZ\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.example\r\n--XYZ--\r\n',
    );
    expect(await checkActionBody(fine)).toBeNull();
  });

  it("400 for a fetched action whose arguments are not a JSON array", async () => {
    for (const body of ["{not json", '{"a":1}', ""]) {
      const r = post({ "next-action": "abc", "content-type": "text/plain;charset=UTF-8" }, body);
      expect(await checkActionBody(r), body).toMatchObject({ status: 400 });
    }
    const ok = post({ "next-action": "abc", "content-type": "text/plain;charset=UTF-8" }, '["invitation",{}]');
    expect(await checkActionBody(ok)).toBeNull();
  });

  it("leaves the body readable for Next after checking it", async () => {
    const r = post({ "next-action": "abc", "content-type": "text/plain", "content-length": "4" }, "[1,2]".slice(0, 4));
    await refuseBody(r);
    expect(await r.text()).toBe("[1,2");
  });
});
