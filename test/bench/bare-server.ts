/**
 * The ceiling: a bare Node `http` server that only reads the body and answers 200, on the same
 * machine and under the same load as the product's ingress.
 */
import { createServer } from "node:http";

const server = createServer((req, res) => {
  req.on("data", () => {});
  req.on("end", () => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("EVENT_RECEIVED");
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.BARE_PORT), "127.0.0.1", () => process.send?.({ ready: true }));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
process.on("disconnect", () => process.exit(0));
