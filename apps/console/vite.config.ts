import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const backend = 'http://localhost:3000';
const proxied = ['/api', '/healthz', '/readyz', '/docs', '/openapi.json'];

export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    port: 5173,
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: backend, changeOrigin: false }])),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // long-lived vendor chunks cache well across releases; antd stays split per page by usage
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/ },
            { name: 'libs', test: /node_modules[\\/](@tanstack|i18next|react-i18next|dayjs)[\\/]/ },
          ],
        },
      },
    },
  },
});
