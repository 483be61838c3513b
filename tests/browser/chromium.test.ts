import { describe, expect, it } from "vitest";
import { type ChromiumDeps, resolveChromium, UNSAFE_NPM_FLAGS } from "./chromium";

const npmBuild = { executablePath: "/tmp/chromium", args: ["--no-sandbox", "--no-zygote", ...UNSAFE_NPM_FLAGS] };

function deps(executables: string[], chromiumPath?: string) {
  const calls = { npm: 0 };
  const d: ChromiumDeps = {
    chromiumPath,
    isExecutable: (p) => executables.includes(p),
    npmChromium: () => {
      calls.npm++;
      return npmBuild;
    },
  };
  return { d, calls };
}

describe("resolveChromium", () => {
  it("uses the machine's Chromium when there is one, without unpacking the npm build", () => {
    const { d, calls } = deps(["/usr/bin/chromium"]);
    expect(resolveChromium(d)).toEqual({ executablePath: "/usr/bin/chromium", args: [], source: "system" });
    expect(calls.npm).toBe(0);
  });

  it("falls back to the Chromium shipped in @sparticuz/chromium on a machine without one", () => {
    const { d, calls } = deps([]);
    const choice = resolveChromium(d);
    expect(choice.source).toBe("@sparticuz/chromium");
    expect(choice.executablePath).toBe("/tmp/chromium");
    expect(calls.npm).toBe(1);
    // Its own flags come along, except those that switch off the same-origin policy or break contexts.
    expect(choice.args).toEqual(["--no-sandbox", "--no-zygote"]);
  });

  it("honours CHROMIUM_PATH, and says so clearly when it points at nothing", () => {
    expect(resolveChromium(deps(["/opt/c/chrome", "/usr/bin/chromium"], "/opt/c/chrome").d).source).toBe(
      "CHROMIUM_PATH",
    );
    expect(() => resolveChromium(deps(["/usr/bin/chromium"], "/nope/chrome").d)).toThrow(
      "CHROMIUM_PATH=/nope/chrome is not an executable file",
    );
  });
});
