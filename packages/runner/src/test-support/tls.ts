import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// TLS material is made by openssl for each test run; no key material lives in the repository.
export function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export interface TestPki {
  /** A PEM file holding the test CA's certificate, as an operator would pass it. */
  caFile: string;
  caCert: string;
  /** A certificate for 127.0.0.1 signed by the test CA, and its key. */
  serverCert: string;
  serverKey: string;
  cleanup(): void;
}

const EC_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

/** A private CA, like a company's, and a server certificate for 127.0.0.1 it signed. */
export function createTestPki(): TestPki {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "outpost-pki-"));
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "ignore", cwd: dir });
  openssl("req", "-x509", ...EC_KEY, "-keyout", "ca.key", "-out", "ca.pem", "-days", "1", "-subj", "/CN=Outpost Test CA");
  openssl("req", ...EC_KEY, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
  fs.writeFileSync(file("server.ext"), "subjectAltName=IP:127.0.0.1\n");
  openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "1", "-extfile", "server.ext");
  return {
    caFile: file("ca.pem"),
    caCert: fs.readFileSync(file("ca.pem"), "utf8"),
    serverCert: fs.readFileSync(file("server.pem"), "utf8"),
    serverKey: fs.readFileSync(file("server.key"), "utf8"),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
