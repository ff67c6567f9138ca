import type { SecureContext, Server } from 'node:tls';

/**
 * The one place that touches Node internals.
 *
 * Why: a TLS server hands every new connection `server._sharedCreds` (see `tlsConnectionListener`
 * in Node's lib/_tls_wrap.js), and that is also the context SNI clients get when no SNICallback
 * answers. Clients that send no server name never reach an SNICallback at all. On Node 20,
 * `createServer({ secureContext })` does not set it, and `server.setSecureContext(options)` builds
 * a new context from options and never frees the old native one. So the only way to hand out a
 * context we built (and can later close) to every client is to assign this field.
 *
 * tests/runtime/tls-server-default.test.ts fails if Node renames or stops reading the field.
 */
export function setServerDefaultContext(server: Server, secureContext: SecureContext): void {
  const internal = server as Server & { _sharedCreds?: unknown };
  if (!('_sharedCreds' in internal) || typeof internal._sharedCreds !== 'object') {
    throw new TypeError(
      'This Node version has no tls.Server#_sharedCreds; ReloadableSecureContext cannot set the default context of the server',
    );
  }
  internal._sharedCreds = secureContext;
}

/** The context a server hands to new connections (the same internal field). */
export function serverDefaultContext(server: Server): SecureContext | undefined {
  return (server as Server & { _sharedCreds?: SecureContext })._sharedCreds;
}
