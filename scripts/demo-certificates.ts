// Certificates for the demo: a CA that signs the server certificates, a bundle of ~150 trusted CA
// certificates (the size of a real corporate trust store, which is what makes each native context
// big), and a few server certificates to rotate through. Generated once and cached.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface DemoCertificates {
  /** The CA that signs every server certificate; clients trust it. */
  signingCaCert: string;
  /** The trusted CAs, one PEM each: the signing CA first, then the others. */
  trustedCas: string[];
  /** Server certificates (with their keys) for 127.0.0.1 / localhost, rotated in turn. */
  servers: { key: string; cert: string }[];
}

export const trustedCaCount = 150;
const serverCount = 4;
const cacheVersion = 2;

/** Loads the cached certificates from `directory`, generating them on first use. */
export async function demoCertificates(directory: string): Promise<DemoCertificates> {
  const cacheFile = join(directory, `certificates-v${String(cacheVersion)}.json`);
  if (existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, 'utf8')) as DemoCertificates;
  const certificates = await generateDemoCertificates();
  mkdirSync(directory, { recursive: true });
  writeFileSync(cacheFile, JSON.stringify(certificates));
  return certificates;
}

async function generateDemoCertificates(): Promise<DemoCertificates> {
  const notAfterDate = new Date(Date.now() + 5 * 365 * 24 * 3600 * 1000);
  const caExtensions = [
    { name: 'basicConstraints' as const, cA: true, critical: true },
    { name: 'keyUsage' as const, keyCertSign: true, cRLSign: true, critical: true },
  ];
  const signingCa = await generate([{ name: 'commonName', value: 'resource-leak demo signing CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate,
    extensions: caExtensions,
  });
  // Only the certificates matter for the trust store's size, so one key pair signs them all (fast).
  const sharedKeyPair = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const trustedCas: string[] = [signingCa.cert];
  for (let index = 1; index < trustedCaCount; index++) {
    const ca = await generate([{ name: 'commonName', value: `resource-leak demo trusted CA ${String(index)}` }], {
      keyType: 'ec',
      algorithm: 'sha256',
      notAfterDate,
      keyPair: { privateKey: sharedKeyPair.privateKey, publicKey: sharedKeyPair.publicKey },
      extensions: caExtensions,
    });
    trustedCas.push(ca.cert);
  }
  const servers: DemoCertificates['servers'] = [];
  for (let index = 0; index < serverCount; index++) {
    const server = await generate([{ name: 'commonName', value: 'localhost' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      notAfterDate,
      ca: { key: signingCa.private, cert: signingCa.cert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
          ],
        },
      ],
    });
    servers.push({ key: server.private, cert: server.cert });
  }
  return { signingCaCert: signingCa.cert, trustedCas, servers };
}
