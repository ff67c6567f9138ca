import { watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';
import * as tls from 'node:tls';
import { AbstractRemotingServer } from './abstract-remoting-server.js';
import { readCertificateFiles, type CertificateFiles } from './certificate-files.js';

export interface RemotingServerOptions {
  certificates: CertificateFiles;
  /** Reload the context when a certificate file changes (what operators rely on for rotation). */
  watchCertificates?: boolean;
  onReloadError?: (error: unknown) => void;
}

/**
 * A line-based request/response server over TLS. Each handshake picks up the current context in
 * the SNICallback, so a rotated certificate applies to the next connection.
 */
export class RemotingServer extends AbstractRemotingServer {
  private readonly server: tls.Server;
  private readonly watcher: FSWatcher | undefined;
  private reloadTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: RemotingServerOptions) {
    super();
    this.loadSslContext();
    this.server = tls.createServer(
      {
        SNICallback: (_servername, done) => {
          done(null, this.sslContext);
        },
      },
      (socket) => {
        this.serve(socket);
      },
    );
    this.watcher = options.watchCertificates === true ? this.watchCertificates() : undefined;
  }

  /** Builds a context from the files on disk. Runs at start-up and on every certificate change. */
  loadSslContext(): void {
    this.sslContext = tls.createSecureContext(readCertificateFiles(this.options.certificates));
  }

  listen(port = 0): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        const address = this.server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : port);
      });
    });
  }

  close(): Promise<void> {
    this.watcher?.close();
    clearTimeout(this.reloadTimer);
    return new Promise((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
  }

  private watchCertificates(): FSWatcher {
    return watch(dirname(this.options.certificates.certFile), () => {
      // Editors and cert managers write a file in several steps; reload once they are done.
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => {
        this.reloadCertificates();
      }, 50);
    });
  }

  private reloadCertificates(): void {
    try {
      this.loadSslContext();
    } catch (error) {
      // Broken or half-written files: keep serving the previous certificate.
      this.options.onReloadError?.(error);
    }
  }

  private serve(socket: tls.TLSSocket): void {
    socket.setEncoding('utf8');
    let pending = '';
    socket.on('data', (chunk: string) => {
      pending += chunk;
      let newline = pending.indexOf('\n');
      while (newline !== -1) {
        socket.write(`pong ${pending.slice(0, newline)}\n`);
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    });
    socket.on('error', () => {
      // A client that goes away mid-request is not the server's problem.
    });
  }
}
