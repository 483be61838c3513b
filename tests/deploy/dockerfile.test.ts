import { describe, expect, it } from "vitest";
import { parseDockerfile } from "./dockerfile";

describe("parseDockerfile", () => {
  const base = "FROM node:20 AS build\nRUN true\nFROM node:20\nWORKDIR /app\n";
  it("refuses a runtime instruction the image check would not reproduce", () => {
    expect(() => parseDockerfile(`${base}RUN rm -rf /app/node_modules\nCMD ["node", "s.js"]\n`)).toThrow(
      /does not reproduce: RUN/,
    );
  });
  it("refuses a copy from the build context (only build-stage output may go in)", () => {
    expect(() => parseDockerfile(`${base}COPY .env ./\n`)).toThrow(/cannot read COPY/);
  });
  it("refuses a single-stage Dockerfile", () => {
    expect(() => parseDockerfile('FROM node:20\nCMD ["node"]\n')).toThrow(/multi-stage/);
  });
  it("joins continued lines", () => {
    const s = parseDockerfile(`${base}ENV A=1 \\\n  B=2\nCMD ["node", "x.js"]\n`);
    expect(s.env).toEqual({ A: "1", B: "2" });
  });
});
