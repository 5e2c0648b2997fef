/**
 * A throwaway self-signed certificate for 127.0.0.1, made at test time with the openssl CLI.
 * Being self-signed, the certificate is its own CA: pass it as --ca-cert to trust it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  key: Buffer;
  cert: Buffer;
  certPath: string;
}

export function makeTestCertificate(): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'esplan-tls-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      { stdio: 'pipe', timeout: 20_000 },
    );
  } catch (err) {
    throw new Error(`the TLS tests need the openssl CLI to make a certificate: ${(err as Error).message}`, { cause: err });
  }
  return { key: readFileSync(keyPath), cert: readFileSync(certPath), certPath };
}
