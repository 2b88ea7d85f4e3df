// Times the peer verifiers users would pick instead, offline, on the same vectors the gateway's JMH benchmarks
// use (read from ../shared/vectors, never copied). Prints one JSON object: milliseconds per verification.
//   node bench.mjs VECTORS_DIR [iterations]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { verifyAttestation } from '@tinfoilsh/verifier';

const require = createRequire(import.meta.url);
const dcapQvl = require('@phala/dcap-qvl');
const vectors = process.argv[2];
const iterations = Number(process.argv[3] ?? 1000);

async function time(label, runs, call) {
  for (let i = 0; i < Math.min(50, runs); i++) await call(); // warm-up (JIT)
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await call();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { [label]: { runs, totalMs: Math.round(ms), msPerVerification: +(ms / runs).toFixed(4) } };
}

const results = {};
// @phala/dcap-qvl: the full verification (every chain, CRL and collateral signature) at the vectors' time
for (const [label, quoteFile, collateralFile] of [
  ['dcap-qvl sgx (P1)', 'sgx_quote', 'sgx_quote_collateral.json'],
  ['dcap-qvl tdx (P2)', 'tdx_quote', 'tdx_quote_collateral.json']]) {
  const quote = readFileSync(join(vectors, 'dcap/phala-dcap-qvl', quoteFile));
  const collateral = JSON.parse(readFileSync(join(vectors, 'dcap/phala-dcap-qvl', collateralFile), 'utf8'));
  const at = Date.parse('2025-07-01T00:00:00Z') / 1000;
  const check = dcapQvl.verify(quote, collateral, at);
  if (!check.status) throw new Error(`${label}: no verdict`);
  Object.assign(results, await time(label, iterations, () => dcapQvl.verify(quote, collateral, at)));
  results[label].status = check.status;
}
// @tinfoilsh/verifier: its own Genoa fixture (report gzip+base64, VCEK DER base64), checked at "now"
const bundle = JSON.parse(readFileSync(join(vectors,
  'snp/tinfoil-js/packages/verifier/test/fixtures/attestation-bundle.json'), 'utf8'));
await verifyAttestation(bundle.enclaveAttestationReport, bundle.vcek);
Object.assign(results, await time('tinfoil snp (Genoa fixture)', Math.max(100, iterations / 4),
  () => verifyAttestation(bundle.enclaveAttestationReport, bundle.vcek)));
console.log(JSON.stringify(results, null, 1));
