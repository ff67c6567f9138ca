import { readFileSync } from 'node:fs';
import type { SecureContextOptions } from 'node:tls';

/** Where a server's PEM files live. Operators rotate them in place; the server reloads on change. */
export interface CertificateFiles {
  keyFile: string;
  certFile: string;
  /** Trusted CA certificates for client authentication: one file of concatenated PEM blocks. */
  caFile?: string;
}

export function readCertificateFiles(files: CertificateFiles): SecureContextOptions {
  return {
    key: readFileSync(files.keyFile),
    cert: readFileSync(files.certFile),
    ...(files.caFile === undefined ? {} : { ca: readFileSync(files.caFile) }),
  };
}
