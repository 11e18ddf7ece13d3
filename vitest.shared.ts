// Shared by every package's vitest.config.ts. Workspace packages import each other's
// TypeScript source through the `@toolgrant/source` export condition, so a test never runs
// against a stale build. The other conditions are Vite's server defaults, kept.
const conditions = ['@toolgrant/source', 'module', 'node', 'development|production'];

export const workspaceSource = {
  resolve: { conditions },
  ssr: { resolve: { conditions } },
};
