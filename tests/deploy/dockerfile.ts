/**
 * Reads the parts of a Dockerfile the image check (tests/e2e/standalone.e2e.ts) reproduces without
 * Docker: the last stage's WORKDIR, ENV, COPY --from lines, USER, HEALTHCHECK and CMD, and what the
 * first stage copies before `npm ci`. Anything in the last stage it cannot reproduce is an error,
 * so a Dockerfile change cannot slip past the check unseen.
 */
export interface RuntimeStage {
  workdir: string;
  env: Record<string, string>;
  /** Source (in the build stage, /repo = the repository) → destination (relative to workdir). */
  copies: { from: string; to: string }[];
  cmd: string[];
  user: string | undefined;
  healthcheck: string | undefined;
  /** Files the dependency stage copies from the build context (before `npm ci`). */
  manifests: string[];
}

/** The parts of a Dockerfile the test relies on; anything it cannot read is an error, not a skip. */
export function parseDockerfile(text: string): RuntimeStage {
  const lines = text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const stages: string[][] = [];
  for (const line of lines) {
    if (/^FROM\s/i.test(line)) stages.push([]);
    stages.at(-1)?.push(line);
  }
  const last = stages.at(-1);
  if (!last || stages.length < 2) throw new Error("expected a multi-stage Dockerfile");
  const stage: RuntimeStage = {
    workdir: "/",
    env: {},
    copies: [],
    cmd: [],
    user: undefined,
    healthcheck: undefined,
    manifests: [],
  };
  for (const line of stages[0] ?? []) {
    const m = line.match(/^COPY\s+(.+)$/i);
    if (m?.[1]) stage.manifests.push(...(m[1].split(/\s+/).slice(0, -1) as string[]));
  }
  for (const line of last) {
    const [keyword = "", ...rest] = line.split(/\s+/);
    const args = line.slice(keyword.length).trim();
    switch (keyword.toUpperCase()) {
      case "FROM":
      case "EXPOSE":
        break;
      case "WORKDIR":
        stage.workdir = args;
        break;
      case "ENV":
        for (const pair of rest) {
          const [k, v] = pair.split("=");
          if (!k || v === undefined) throw new Error(`cannot read ENV ${pair}`);
          stage.env[k] = v;
        }
        break;
      case "USER":
        stage.user = args;
        break;
      case "COPY": {
        const parts = rest.filter((p) => !p.startsWith("--chown="));
        if (!parts[0]?.startsWith("--from=") || parts.length !== 3) throw new Error(`cannot read ${line}`);
        const [, from = "", to = ""] = parts;
        if (!from.startsWith("/repo/")) throw new Error(`copies from outside the build's /repo: ${line}`);
        stage.copies.push({ from: from.slice("/repo/".length), to });
        break;
      }
      case "HEALTHCHECK":
        stage.healthcheck = args;
        break;
      case "CMD":
        stage.cmd = JSON.parse(args) as string[];
        break;
      default:
        throw new Error(`the runtime stage has an instruction this test does not reproduce: ${line}`);
    }
  }
  return stage;
}
