import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // In this repository the Toolgrant packages are compiled from their TypeScript source (their
  // `@toolgrant/source` export condition, NodeNext-style `.js` imports), as the tests do, so
  // the demo never runs a stale build. Turbopack can resolve neither yet, so the chat runs on
  // webpack (`next dev --webpack`). An app that installs the packages from npm needs none of
  // this and can use Turbopack.
  transpilePackages: [
    '@toolgrant/ai-sdk',
    '@toolgrant/core',
    '@toolgrant/react',
    '@toolgrant/example-local-stack',
  ],
  webpack(config) {
    config.resolve.conditionNames = [
      '@toolgrant/source',
      ...(config.resolve.conditionNames ?? ['...']),
    ];
    config.resolve.extensionAlias = { '.js': ['.ts', '.tsx', '.js'] };
    return config;
  },
  devIndicators: false,
  // The browser test runs its own dev server beside yours.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

export default nextConfig;
