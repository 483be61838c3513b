import { execFileSync } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";

/**
 * Which Chromium the browser journeys run in. Test tools never download a browser: the machine's
 * own Chromium when there is one (Debian's package, or CHROMIUM_PATH), otherwise the Chromium that
 * ships inside the npm package `@sparticuz/chromium` (a devDependency, so `npm ci` brings it).
 */
export const SYSTEM_CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/**
 * Flags of the npm build's recommended set (made for serverless functions) that we leave out: two
 * switch off the same-origin policy and mixed-content blocking, which the security journeys rely
 * on; `--single-process` crashes Chromium (SIGTRAP) when a second browser context opens, and every
 * journey opens one.
 */
export const UNSAFE_NPM_FLAGS = ["--disable-web-security", "--allow-running-insecure-content", "--single-process"];

export interface ChromiumChoice {
  executablePath: string;
  /** Extra launch flags the build needs (the npm build's own set). */
  args: string[];
  source: "CHROMIUM_PATH" | "system" | "@sparticuz/chromium";
}

export interface ChromiumDeps {
  chromiumPath: string | undefined;
  isExecutable(path: string): boolean;
  /** Unpacks the npm build (to the temp folder, once) and returns it. */
  npmChromium(): { executablePath: string; args: string[] };
}

export function resolveChromium(deps: ChromiumDeps): ChromiumChoice {
  if (deps.chromiumPath) {
    if (!deps.isExecutable(deps.chromiumPath)) {
      throw new Error(`CHROMIUM_PATH=${deps.chromiumPath} is not an executable file`);
    }
    return { executablePath: deps.chromiumPath, args: [], source: "CHROMIUM_PATH" };
  }
  const system = SYSTEM_CHROMIUM.find((p) => deps.isExecutable(p));
  if (system) return { executablePath: system, args: [], source: "system" };
  const npm = deps.npmChromium();
  return {
    executablePath: npm.executablePath,
    args: npm.args.filter((a) => !UNSAFE_NPM_FLAGS.includes(a)),
    source: "@sparticuz/chromium",
  };
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * `@sparticuz/chromium` only unpacks asynchronously and Playwright reads its config synchronously:
 * unpack in a child process and read the answer.
 */
export function unpackNpmChromium(cwd: string): { executablePath: string; args: string[] } {
  const out = execFileSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `import c from "@sparticuz/chromium";
       console.log(JSON.stringify({ executablePath: await c.executablePath(), args: c.args }));`,
    ],
    { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], timeout: 180_000 },
  );
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}");
}
