import * as tls from 'node:tls';

export interface RequestOptions {
  port: number;
  /** The CA that signed the server's certificate. */
  ca: string | Buffer;
  servername?: string;
  timeoutMs?: number;
}

/** One connection, one request line, one response line: a full TLS handshake every time. */
export function request(line: string, options: RequestOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: '127.0.0.1',
      port: options.port,
      servername: options.servername ?? 'localhost',
      ca: options.ca,
    });
    socket.setEncoding('utf8');
    socket.setTimeout(options.timeoutMs ?? 5_000, () => {
      socket.destroy(new Error(`no response within ${String(options.timeoutMs ?? 5_000)} ms`));
    });
    let received = '';
    socket.on('secureConnect', () => {
      socket.write(`${line}\n`);
    });
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (received.includes('\n')) {
        socket.end();
        resolve(received.trimEnd());
      }
    });
    socket.on('error', reject);
  });
}
