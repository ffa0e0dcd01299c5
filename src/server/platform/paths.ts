import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The folder of the nearest `package.json` above `from`: the repository when running from the
 * sources (`src/server/platform`) and from the build (`dist/server`) alike, or the image's `/app`.
 */
export function packageRoot(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
