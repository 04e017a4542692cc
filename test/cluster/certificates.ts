import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const day = 24 * 3600 * 1000;

export interface KeyAndCertificate {
  readonly certificatePem: string;
  readonly keyPem: string;
}

export interface ClusterCertificates {
  readonly caPem: string;
  readonly server: KeyAndCertificate;
  /** Signs client certificates: CN is the user name, O the groups, as kube-apiserver reads them. */
  issueClientCertificate(user: string, groups: readonly string[]): Promise<KeyAndCertificate>;
}

async function keyPem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

function escapeName(value: string): string {
  return value.replace(/([,+"\\<>;=])/g, '\\$1');
}

/** A fresh CA and a serving certificate for 127.0.0.1 and localhost, made in memory at every start. */
export async function createCertificates(): Promise<ClusterCertificates> {
  const notBefore = new Date(Date.now() - day);
  const notAfter = new Date(Date.now() + 30 * day);
  const caKeys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=local-cluster-ca',
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  let serial = 2;
  const issue = async (subject: string, extensions: x509.Extension[]): Promise<KeyAndCertificate> => {
    const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: (serial++).toString(16).padStart(2, '0'),
      subject,
      issuer: ca.subject,
      notBefore,
      notAfter,
      publicKey: keys.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: algorithm,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        await x509.AuthorityKeyIdentifierExtension.create(ca, false),
        ...extensions,
      ],
    });
    return { certificatePem: certificate.toString('pem'), keyPem: await keyPem(keys.privateKey) };
  };
  const server = await issue('CN=127.0.0.1', [
    new x509.SubjectAlternativeNameExtension([
      { type: 'ip', value: '127.0.0.1' },
      { type: 'dns', value: 'localhost' },
    ]),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
  ]);
  return {
    caPem: ca.toString('pem'),
    server,
    issueClientCertificate: (user, groups) =>
      issue([`CN=${escapeName(user)}`, ...groups.map((group) => `O=${escapeName(group)}`)].join(', '), [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])]),
  };
}
