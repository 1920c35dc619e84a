import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** This folder as a file-system path, without Node built-ins (the renderer must never import them). */
const here = decodeURIComponent(new URL('.', import.meta.url).pathname).replace(/^\/(?=[A-Za-z]:)/, '');

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The app is served from 127.0.0.1 or app://: one bundle is fine, no CDN, no inline scripts.
    chunkSizeWarningLimit: 2000,
    modulePreload: { polyfill: false },
  },
});
