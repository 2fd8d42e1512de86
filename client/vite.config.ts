import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const backend = 'http://127.0.0.1:3000';

// The client bundles the shared contract from source so it never depends on shared/dist.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    react(),
    // Installable app: the web app manifest, and a service worker of our own (features/push/sw.ts)
    // into which Workbox injects the app shell's precache list; it also shows web pushes.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/features/push',
      filename: 'sw.ts',
      // An external registerSW.js (the server's CSP allows no inline scripts).
      injectRegister: 'script',
      registerType: 'autoUpdate',
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // The charts chunk is large; it is still part of "what was last loaded".
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      },
      includeAssets: ['icons/apple-touch-icon-180.png', 'icons/icon.svg'],
      manifest: {
        id: '/',
        name: '邻里 Linli',
        short_name: '邻里',
        description: '邻里：社区线上公共空间 — the public square of your residential community',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        // --primary and --bg of styles.css.
        theme_color: '#1c5d7a',
        background_color: '#f2f5f4',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
  resolve: {
    alias: { '@linli/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': backend,
      '/socket.io': { target: backend, ws: true },
    },
  },
});
