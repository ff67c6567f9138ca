// Runs the server on 127.0.0.1 and reloads its certificate whenever the files change.
//   npx tsx examples/tls-reload/src/main.ts <dir with key.pem, cert.pem and optionally trusted/*.pem>
// (`npm run demo -- --keep` leaves two such directories behind, run-0/ and run-1/, and prints where.)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RemotingServer } from './remoting-server.js';

const certificateDir = process.argv[2];
if (certificateDir === undefined) {
  console.error('usage: main.ts <certificate directory with key.pem and cert.pem>');
  process.exit(2);
}
const trustedCaDirectory = join(certificateDir, 'trusted');
const server = new RemotingServer({
  certificates: {
    keyFile: join(certificateDir, 'key.pem'),
    certFile: join(certificateDir, 'cert.pem'),
    ...(existsSync(trustedCaDirectory) ? { trustedCaDirectory } : {}),
  },
  watchCertificates: true,
  onReloadError: (error) => {
    console.error('certificate reload failed, still serving the previous certificate:', error);
  },
});
const port = await server.listen(Number(process.env.PORT ?? 0));
console.log(`serving on 127.0.0.1:${String(port)}; edit the files in ${certificateDir} to rotate`);
process.once('SIGINT', () => {
  void server.close();
});
