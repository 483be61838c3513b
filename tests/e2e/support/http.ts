import { request } from "node:http";

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request to a local port exactly as given (any Host, any body, no browser or fetch
 * rules in between): what an attacker's client sends.
 */
export function rawRequest(o: {
  port: number;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}): Promise<RawResponse> {
  return new Promise((done, fail) => {
    const req = request(
      { host: "localhost", port: o.port, method: o.method ?? "GET", path: o.path, headers: o.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", fail);
      },
    );
    req.on("error", fail);
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${o.method ?? "GET"} ${o.path}`)));
    if (o.body !== undefined) req.end(o.body);
    else req.end();
  });
}
