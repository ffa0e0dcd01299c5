import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerNotFound, registerStaticWeb } from "./static-web";

// A dashboard build in miniature: index.html, one fingerprinted script and its compressed twins.
describe("the built dashboard, as served", () => {
  let app: FastifyInstance;
  let root: string;
  const script = `console.log(${JSON.stringify("x".repeat(4096))});`;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "lj-web-"));
    mkdirSync(join(root, "assets"));
    writeFileSync(join(root, "index.html"), '<!doctype html><script src="/assets/index-Ab12.js"></script>');
    writeFileSync(join(root, "assets/index-Ab12.js"), script);
    writeFileSync(join(root, "assets/index-Ab12.js.br"), brotliCompressSync(script));
    writeFileSync(join(root, "assets/index-Ab12.js.gz"), gzipSync(script));
    app = Fastify();
    const hasWeb = await registerStaticWeb(app, root);
    registerNotFound(app, hasWeb);
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    app.inject({ method: "GET", url, headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} });

  it("sends the brotli twin to a browser that accepts it, gzip to one that accepts only gzip", async () => {
    const br = await get("/assets/index-Ab12.js", "gzip, deflate, br");
    expect(br.statusCode).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toMatch(/javascript/);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);

    const gz = await get("/assets/index-Ab12.js", "gzip");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await get("/assets/index-Ab12.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it("caches fingerprinted assets for a year and has index.html revalidated", async () => {
    expect((await get("/assets/index-Ab12.js", "br")).headers["cache-control"]).toBe(
      "public, max-age=31536000, immutable",
    );
    expect((await get("/")).headers["cache-control"]).toBe("no-cache");
    const clientRoute = await get("/inbox/some-conversation");
    expect(clientRoute.statusCode).toBe(200);
    expect(clientRoute.body).toContain("/assets/index-Ab12.js");
    expect(clientRoute.headers["cache-control"]).toBe("no-cache");
  });
});
