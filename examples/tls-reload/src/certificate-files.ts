import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecureContextOptions } from 'node:tls';

/** Where a server's PEM files live. Operators rotate them in place; the server reloads on change. */
export interface CertificateFiles {
  keyFile: string;
  certFile: string;
  /** Trusted CAs for client certificates: a directory with one PEM file per CA, like /etc/ssl/certs. */
  trustedCaDirectory?: string;
}

export function readCertificateFiles(files: CertificateFiles): SecureContextOptions {
  const options: SecureContextOptions = {
    key: readFileSync(files.keyFile),
    cert: readFileSync(files.certFile),
  };
  if (files.trustedCaDirectory !== undefined) {
    const directory = files.trustedCaDirectory;
    options.ca = readdirSync(directory)
      .filter((name) => name.endsWith('.pem'))
      .sort()
      .map((name) => readFileSync(join(directory, name)));
  }
  return options;
}
