import { NextResponse, type NextRequest } from 'next/server';

/**
 * /api/* goes to the API process. The target is read from API_INTERNAL_URL when the request
 * arrives (next.config.ts rewrites are fixed at build time, so one build could not serve
 * an API on another address).
 */
function forwardToApi(request: NextRequest) {
  const target = new URL(request.nextUrl.pathname + request.nextUrl.search, process.env.API_INTERNAL_URL ?? 'http://127.0.0.1:3001');
  return NextResponse.rewrite(target);
}

/**
 * A fresh nonce and Content-Security-Policy for every page request. Next.js reads the nonce
 * from the request's CSP header and puts it on its own scripts.
 */
export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith('/api/')) return forwardToApi(request);
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const isDev = process.env.NODE_ENV === 'development';
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ''}`,
    // React renders style attributes (charts position their tooltips that way).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(process.env.NODE_ENV === 'production' && process.env.P2P_HTTPS === 'true' ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('x-pathname', request.nextUrl.pathname + request.nextUrl.search);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!_next/static|_next/image|favicon.ico).*)',
    },
  ],
};
