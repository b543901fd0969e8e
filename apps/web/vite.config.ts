import { createRequire } from 'node:module';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * echarts-for-react's ESM build imports `tslib` without declaring it as a dependency; the only copy in the tree is
 * the one echarts itself depends on. Resolve it from there (its ES module build) instead of adding a dependency.
 */
function tslibFromEcharts(): string {
  const require = createRequire(import.meta.url);
  const echartsDir = path.dirname(require.resolve('echarts/package.json'));
  const tslibDir = path.dirname(require.resolve('tslib', { paths: [echartsDir] }));
  return path.join(tslibDir, 'tslib.es6.js');
}

/**
 * Vendor splitting (the Rollup `manualChunks` idea; Vite 8 bundles with Rolldown, whose native form is
 * `output.codeSplitting.groups`). React, antd (+ rc-component / icons) and ECharts each get their own long-cached
 * chunk; the public portal and the back office are separate lazy route chunks (see src/main.tsx).
 */
// Higher priority captures first. React goes first so the groups below (whose dependencies are included
// recursively) do not pull React into their own chunk.
const vendorGroups = [
  { name: 'vendor-react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack|cookie|set-cookie-parser)[\\/]/, priority: 40 },
  {
    name: 'vendor-antd',
    test: /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+|@babel[\\/]runtime|@emotion|stylis|classnames|clsx|scroll-into-view-if-needed|compute-scroll-into-view|throttle-debounce|json2mq|string-convert|toggle-selection|copy-to-clipboard|resize-observer-polyfill)[\\/]/,
    priority: 30,
    // One antd chunk. Splitting it by route (`entriesAware`) produced antd chunks that import each other in a cycle
    // once enough pages share components ("Cannot set properties of undefined (setting 'useModal')" at load), so
    // the library is loaded whole and cached long-term.
  },
  // dayjs is used by the i18n provider on every page, the portal's first page too: kept out of the antd chunk.
  { name: 'vendor-dayjs', test: /[\\/]node_modules[\\/]dayjs[\\/]/, priority: 35 },
  { name: 'vendor-echarts', test: /[\\/]node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor|tslib)[\\/]/, priority: 20 },
  { name: 'vendor-zod', test: /[\\/]node_modules[\\/]zod[\\/]/, priority: 10 },
];

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [{ find: /^tslib$/, replacement: tslibFromEcharts() }],
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: vendorGroups,
        },
      },
    },
  },
});
