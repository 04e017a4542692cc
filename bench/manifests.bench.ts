// Full validation of a 1 MB file of 2,000 documents against IncrementalValidator after a one-character
// edit. Run: npx tsx bench/manifests.bench.ts
import { performance } from 'node:perf_hooks';
import { IncrementalValidator, validateManifests } from '../src/manifests';

const options = { defaultAudiences: ['vault'], now: Date.now() };

function documentText(index: number): string {
  const name = `sa-${String(index).padStart(4, '0')}`;
  switch (index % 4) {
    case 0:
      return `# Token for the Vault login of ${name}.
apiVersion: authentication.k8s.io/v1
kind: TokenRequest
metadata:
  name: ${name}
  namespace: team-${index % 17}
  labels:
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/part-of: payments-platform
  annotations:
    example.com/owner: platform-team@example.com
spec:
  audiences:
    - vault
    - https://vault.example.com:8200
  expirationSeconds: 3600
  boundObjectRef:
    apiVersion: v1
    kind: Pod
    name: web-${index}
`;
    case 1:
      return `apiVersion: authentication.k8s.io/v1
kind: TokenRequest
metadata:
  name: ${name}
  namespace: team-${index % 17}
spec:
  audience: [vault] # typo: unknown field
  expirationSeconds: ${index % 8 === 1 ? 100 : 7200}
  boundObjectRef: {kind: Deployment, apiVersion: apps/v1, name: web}
`;
    case 2:
      return `apiVersion: authentication.k8s.io/v1
kind: TokenReview
spec:
  token: eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJhdWQiOlsidmF1bHQiXSwiZXhwIjo0MTAyNDQ0ODAwLCJpYXQiOjQxMDI0NDEyMDAsImlzcyI6Imh0dHBzOi8va3ViZXJuZXRlcy5kZWZhdWx0LnN2YyJ9.c2lnbmF0dXJl
  audiences: [vault]
`;
    default:
      return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: team-${index % 17}
spec:
  replicas: 2
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      serviceAccountName: ${name}
      containers:
        - name: app
          image: registry.example.com/${name}:1.2.3
          ports: [{containerPort: 8080}]
          env:
            - {name: VAULT_ADDR, value: "https://vault.example.com:8200"}
            - {name: VAULT_ROLE, value: ${name}}
`;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const documents = 2000;
const base = Array.from({ length: documents }, (_, index) => documentText(index)).join('---\n');
// Pad the TokenRequests' comments so that the file is the 1 MB the figures are about.
const padding = Math.max(0, Math.ceil((1_000_000 - base.length) / 500));
let text = base.replace(/# Token for the Vault login of (sa-\d+)\.\n/g, (_, name: string) => `# Token for the Vault login of ${name}: ${'.'.repeat(padding)}\n`);
const runs = 20;
const findings = validateManifests(text, options).length;

const full = Array.from({ length: runs }, () => time(() => validateManifests(text, options)));

const validator = new IncrementalValidator(options);
validator.validate(text);
// Type and delete a digit in the middle document's expirationSeconds, as a user would.
const anchor = text.indexOf('expirationSeconds: 3600', text.length / 2) + 'expirationSeconds: 360'.length;
const incremental = Array.from({ length: runs }, (_, run) => {
  text = run % 2 === 0 ? `${text.slice(0, anchor)}1${text.slice(anchor)}` : `${text.slice(0, anchor)}${text.slice(anchor + 1)}`;
  return time(() => validator.validate(text));
});

const fullMs = median(full);
const incrementalMs = median(incremental);
console.log(`${(text.length / 1_000_000).toFixed(2)} MB, ${documents} documents, ${findings} findings; median of ${runs} runs`);
console.log(`full validation:           ${fullMs.toFixed(1)} ms`);
console.log(`incremental one-char edit: ${incrementalMs.toFixed(2)} ms`);
console.log(`ratio:                     ${(fullMs / incrementalMs).toFixed(0)}x faster`);
