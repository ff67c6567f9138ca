import type { Socket } from 'node:net';
import * as tls from 'node:tls';
import { readCertificateFiles, type CertificateFiles } from './certificate-files.js';

export type TlsNegotiatorConfig =
  /** Test mode: a throwaway certificate supplied in memory. */
  | { testMode: true; key: string; cert: string }
  | { testMode: false; certificates: CertificateFiles };

/**
 * Upgrades raw sockets on a port that speaks both plain and TLS protocols. All negotiators in a
 * process share one context, so it lives in a static field.
 */
export class TlsNegotiator {
  private static sslContext: tls.SecureContext | undefined;

  constructor(private readonly config: TlsNegotiatorConfig) {
    this.loadSslContext();
  }

  loadSslContext(): void {
    if (this.config.testMode) {
      TlsNegotiator.sslContext = tls.createSecureContext({ key: this.config.key, cert: this.config.cert });
    } else {
      TlsNegotiator.sslContext = tls.createSecureContext(readCertificateFiles(this.config.certificates));
    }
  }

  /** Wraps a socket whose first bytes are a TLS ClientHello, with the current context. */
  negotiate(socket: Socket): tls.TLSSocket {
    return new tls.TLSSocket(socket, { isServer: true, secureContext: TlsNegotiator.sslContext });
  }
}
