// Build of the dashboard: web/ → web/dist/, served by `trustmap serve` under the strict CSP
// (no inline scripts or styles: Vite emits external module scripts and stylesheets only).
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inlined assets: `data:` URLs would need a looser CSP.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
  worker: { format: 'es' },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': process.env.TRUSTMAP_API ?? 'http://127.0.0.1:7420' },
  },
});
