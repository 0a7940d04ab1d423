import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './compress-plugin';

// The built app is served by the GISurg server (one process); `npm run dev -w packages/web` proxies the API.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
});
