import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const here = path.dirname(fileURLToPath(import.meta.url));
const apiTarget = (process.env.API_INTERNAL_URL ?? 'http://127.0.0.1:3001').replace(/\/$/, '');

/**
 * Headers on every response. The Content-Security-Policy is set per request (with a nonce)
 * in proxy.ts; the ones here do not vary.
 */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  ...(process.env.NODE_ENV === 'production' && process.env.P2P_HTTPS === 'true'
    ? [{ key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }]
    : []),
];

const nextConfig: NextConfig = {
  // The repository root holds node_modules and the lockfile; the app lives in dashboard/.
  turbopack: { root: path.join(here, '..') },
  poweredByHeader: false,
  reactStrictMode: true,
  typescript: { tsconfigPath: 'tsconfig.json' },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
  async rewrites() {
    // The HTTP API is its own process; the browser only ever talks to this origin.
    // proxy.ts forwards /api/* first, to API_INTERNAL_URL read at request time; this rule is
    // the build-time fallback should a matcher change ever let a request through.
    return [
      { source: '/api/:path*', destination: `${apiTarget}/api/:path*` },
    ];
  },
};

export default nextConfig;
