import type { SecureContext } from 'node:tls';

/** What every remoting server shares: the TLS context it hands to each new connection. */
export abstract class AbstractRemotingServer {
  protected sslContext: SecureContext | undefined;

  /** Starts accepting connections on 127.0.0.1 and resolves with the port. */
  abstract listen(port?: number): Promise<number>;

  abstract close(): Promise<void>;
}
