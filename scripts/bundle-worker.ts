// The worker's container build (Dockerfile.worker): scripts/worker.ts and our workspace packages
// (TypeScript sources) in one ES module, every npm package left to node_modules. The image then
// needs Node, the production dependencies and this file; no TypeScript loader, no sources.
import { resolve } from "node:path";
import { build } from "esbuild";

export const WORKER_ENTRY = "scripts/worker.ts";

export async function bundleWorker(outfile: string, root = resolve(import.meta.dirname, "..")): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: [WORKER_ENTRY],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    plugins: [
      {
        name: "npm-packages-external",
        setup(b) {
          // A bare specifier that is not ours stays an import, resolved from node_modules at run time.
          b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@mw/") ? undefined : { external: true }));
        },
      },
    ],
  });
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const out = process.argv[2] ?? "dist/worker.mjs";
  await bundleWorker(resolve(out));
  console.log(`bundled ${WORKER_ENTRY} → ${out}`);
}
