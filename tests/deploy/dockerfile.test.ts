import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDockerfile } from "./dockerfile";

const ROOT = resolve(import.meta.dirname, "../..");

describe("the Dockerfiles' runtime stages", () => {
  for (const app of ["tenant-app", "control-plane"]) {
    it(`${app}: multi-stage, non-root, only its standalone output and static files, health-checked`, () => {
      const stage = parseDockerfile(readFileSync(join(ROOT, app, "Dockerfile"), "utf8"));
      expect(stage.user).toBe("node");
      expect(stage.healthcheck).toMatch(/\/healthz/);
      expect(stage.copies).toEqual([
        { from: `${app}/.next/standalone`, to: "./" },
        { from: `${app}/.next/static`, to: `./${app}/.next/static` },
      ]);
      expect(stage.cmd).toEqual(["node", `${app}/server.js`]);
      expect(stage.env).toMatchObject({ NODE_ENV: "production", HOSTNAME: "0.0.0.0" });
    });
  }
});

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
