import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The dashboard is built into dist/web and served by the same Fastify process (one origin, one cookie).
export default defineConfig({
  root: "src/web",
  plugins: [react()],
  build: { outDir: "../../dist/web", emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      "/api": "http://localhost:3000",
      "/socket.io": { target: "http://localhost:3000", ws: true },
      "/simulator": "http://localhost:3000",
    },
  },
});
