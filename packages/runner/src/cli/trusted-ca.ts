import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import tls from "node:tls";

/** A CA bundle the runner cannot use; the message names the file and the problem. */
export class TrustedCaError extends Error {}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates of a PEM bundle, each checked to parse as X.509. */
export function readPemCertificates(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new TrustedCaError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  const certificates = text.match(PEM_CERTIFICATE) ?? [];
  if (certificates.length === 0) throw new TrustedCaError(`${file} holds no PEM certificate ("-----BEGIN CERTIFICATE-----").`);
  certificates.forEach((pem, index) => {
    try {
      new X509Certificate(pem);
    } catch {
      throw new TrustedCaError(`certificate ${index + 1} of ${file} is not a valid X.509 certificate.`);
    }
  });
  return certificates;
}

/**
 * What the runner trusts with extra CAs: everything Node trusts by default plus them. An explicit
 * CA list replaces Node's, NODE_EXTRA_CA_CERTS included, so that file is read back in here (Node
 * has already warned at start-up if it could not read it).
 */
export function trustedCaWith(extra: readonly string[], env: NodeJS.ProcessEnv): string[] {
  let fromEnv: string[] = [];
  if (env.NODE_EXTRA_CA_CERTS) {
    try {
      fromEnv = readPemCertificates(env.NODE_EXTRA_CA_CERTS);
    } catch {
      fromEnv = [];
    }
  }
  return [...tls.rootCertificates, ...fromEnv, ...extra];
}
