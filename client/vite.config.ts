/** Vite build of the dashboard: output in `dist/` (served by the server at `/`); dev server proxies the API. */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `pnpm dev` finds the API server (the server's default `PORT` 8787). */
const apiOrigin = 'http://127.0.0.1:8787';

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: apiOrigin, changeOrigin: false },
      '/basemap': { target: apiOrigin, changeOrigin: false },
    },
  },
  preview: { host: '127.0.0.1', port: 4173 },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1100,
  },
});
