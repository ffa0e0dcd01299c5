/**
 * `npm run build:server`: the server, its command-line tools and the standalone simulator as
 * JavaScript in `dist/server/`, run with plain `node` (no TypeScript tooling at run time).
 *
 * One ESM bundle per entry point, flat in the output folder, with shared chunks beside them;
 * packages stay imports of `node_modules` (native addons, WASM files and workers load from where
 * they were installed). The SQL migrations are copied beside the bundles: the migrator finds them
 * relative to its own module, in the sources and in the build alike.
 */
import { cpSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";

const root = resolve(import.meta.dirname, "..");

/** Output name → source, relative to the repository. */
export const serverEntryPoints: Record<string, string> = {
  main: "src/server/main.ts",
  simulator: "src/simulator/main.ts",
  migrate: "src/server/cli/migrate.ts",
  "rotate-keys": "src/server/cli/rotate-keys.ts",
  rates: "src/server/cli/rates.ts",
  "create-client": "src/server/cli/create-client.ts",
  "create-operator": "src/server/cli/create-operator.ts",
  "webhooks-dead": "src/server/cli/webhooks-dead.ts",
  "webhooks-replay": "src/server/cli/webhooks-replay.ts",
  backup: "src/server/cli/backup.ts",
  restore: "src/server/cli/restore.ts",
};

/**
 * Builds into `outdir` (emptied first). It must sit inside the repository (or an image laid out
 * like it): the bundles import packages from `node_modules` and serve `dist/web` found from the
 * nearest `package.json` above them.
 */
export async function buildServer(outdir = join(root, "dist/server")): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: Object.entries(serverEntryPoints).map(([out, in_]) => ({ out, in: in_ })),
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20.19",
    packages: "external",
    sourcemap: true,
    chunkNames: "chunk-[hash]",
    logLevel: "warning",
    legalComments: "none",
  });
  cpSync(join(root, "src/server/platform/db/migrations"), join(outdir, "migrations"), { recursive: true });
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const outdir = process.argv[2] ? resolve(process.argv[2]) : undefined;
  const started = Date.now();
  await buildServer(outdir);
  console.log(`server built in ${Date.now() - started} ms: ${outdir ?? "dist/server"}`);
}
