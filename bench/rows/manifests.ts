// Row 5 of issue 16: validating a 1 MB file of 2,000 TokenRequest/TokenReview documents, then a
// one-character edit in it, against yaml's parseAllDocuments run document by document over the same
// text (what any per-document validator has to pay at least). Run alone: npm run bench -- 5
import { parseAllDocuments } from 'yaml';
import { formatSpread, spreadOf } from '../measure';
import type { BenchRow, BenchRowResult } from '../row';
import { seededRandom } from '../seededRandom';
import { shipped } from '../shipped';
import type * as manifestsModule from '../../src/manifests';
import type * as documentsModule from '../../src/manifests/documents';

const { IncrementalValidator, validateManifests } = shipped<typeof manifestsModule>('src/manifests/index.ts');
const { documentStarts } = shipped<typeof documentsModule>('src/manifests/documents.ts');

const documentCount = 2000;
const targetLength = 1_000_000;
const pairs = 21;
const fullBudget = 1.5;
const editBudget = 0.02;


const unsignedToken =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJhdWQiOlsidmF1bHQiXSwiZXhwIjo0MTAyNDQ0ODAwLCJpYXQiOjQxMDI0NDEyMDAsImlzcyI6Imh0dHBzOi8va3ViZXJuZXRlcy5kZWZhdWx0LnN2YyJ9.c2lnbmF0dXJl';

/**
 * One document as people write them: mostly valid TokenRequests, and the usual slips (a misspelt
 * field, a too-short or too-long lifetime, a bound object of a kind the server refuses, a TokenReview
 * without its token), so the validator's checks run, not just its happy path.
 */
function documentText(index: number, random: () => number, comment: string): string {
  const name = `sa-${String(index).padStart(4, '0')}`;
  const namespace = `team-${Math.floor(random() * 17)}`;
  const variant = Math.floor(random() * 6);
  switch (variant) {
    case 0:
    case 1:
      return `# ${comment}
apiVersion: authentication.k8s.io/v1
kind: TokenRequest
metadata:
  name: ${name}
  namespace: ${namespace}
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
    case 2:
      return `# ${comment}
apiVersion: authentication.k8s.io/v1
kind: TokenRequest
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  audience: [vault]
  expirationSeconds: ${random() < 0.5 ? 100 : 2 ** 32}
  boundObjectRef: {kind: Deployment, apiVersion: apps/v1, name: web}
`;
    case 3:
      return `# ${comment}
apiVersion: authentication.k8s.io/v1
kind: TokenReview
metadata:
  name: review-${name}
spec:
  token: ${unsignedToken}
  audiences: [vault, "https://kubernetes.default.svc"]
`;
    case 4:
      return `# ${comment}
apiVersion: authentication.k8s.io/v1
kind: TokenReview
spec:
  audiences: [vault]
`;
    default:
      return `# ${comment}
apiVersion: authentication.k8s.io/v1
kind: TokenRequest
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  audiences: ["vault"]
  expirationSeconds: 600
  boundObjectRef: {kind: Secret, apiVersion: v1, name: ${name}-token, uid: 0f5e8e36-3f5b-4f3a-9d37-${String(index).padStart(12, '0')}}
`;
  }
}

/** The 1 MB file: each document padded by a comment line so that the whole is the size the row is about. */
export function manifestsFile(): string {
  const random = seededRandom(16_05);
  const bare = Array.from({ length: documentCount }, (_, index) => documentText(index, seededRandom(index), '')).join('---\n');
  const padding = Math.max(0, Math.floor((targetLength - bare.length) / documentCount));
  return Array.from({ length: documentCount }, (_, index) => documentText(index, seededRandom(index), `Owned by ${'x'.repeat(Math.floor(padding * (0.5 + random())))}`)).join('---\n');
}

/**
 * Milliseconds of CPU time `work` takes (this process's threads, the garbage collector's included).
 * On a shared 2-core machine, wall time mostly measures the neighbours: the same pair of runs gave
 * ratios from 0.6 to 3.2 by the clock under a load of 15.
 */
function milliseconds(work: () => unknown): number {
  const started = process.cpuUsage();
  work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

const options = { defaultAudiences: ['vault'], now: Date.parse('2026-01-01T00:00:00Z') };

async function run(): Promise<BenchRowResult> {
  let text = manifestsFile();
  const starts = documentStarts(text);
  const parts = starts.map((start, index) => text.slice(start, starts[index + 1] ?? text.length));
  const findings = validateManifests(text, options).length;
  const floor = () => {
    for (const part of parts) {
      parseAllDocuments(part);
    }
  };
  const full = () => validateManifests(text, options);
  for (let warm = 0; warm < 3; warm += 1) {
    floor();
    full();
  }
  const floorMs: number[] = [];
  const fullMs: number[] = [];
  for (let pair = 0; pair < pairs; pair += 1) {
    // Alternating which goes first, so that neither always runs in the other's wake (its garbage, a noisy neighbour).
    if (pair % 2 === 0) {
      floorMs.push(milliseconds(floor));
      fullMs.push(milliseconds(full));
    } else {
      fullMs.push(milliseconds(full));
      floorMs.push(milliseconds(floor));
    }
  }
  const fullRatio = spreadOf(fullMs.map((ms, index) => ms / floorMs[index]));

  // Type and delete a digit in the middle document's expirationSeconds, as a person would.
  const validator = new IncrementalValidator(options);
  validator.validate(text);
  const anchor = text.indexOf('expirationSeconds: 3600', text.length / 2) + 'expirationSeconds: 360'.length;
  const editMs: number[] = [];
  for (let edit = 0; edit < pairs * 2; edit += 1) {
    const edited = edit % 2 === 0 ? `${text.slice(0, anchor)}1${text.slice(anchor)}` : `${text.slice(0, anchor)}${text.slice(anchor + 1)}`;
    // One flat string, as the editor hands over each version's text, not the pieces the edit was built from.
    text = Buffer.from(edited, 'utf8').toString('utf8');
    editMs.push(milliseconds(() => validator.validate(text)));
  }
  const fullSpread = spreadOf(fullMs);
  const editShare = spreadOf(editMs.map((ms) => (ms / fullSpread.median) * 100));

  return {
    figures: [
      {
        label: `full validation: ${formatSpread(fullRatio)}× parseAllDocuments per document`,
        value: fullRatio.median,
        budget: `≤ ${fullBudget}× floor`,
        pass: fullRatio.median <= fullBudget,
      },
      {
        label: `one-character edit: ${formatSpread(editShare, 2, ' %')} of the full run`,
        value: editShare.median / 100,
        budget: `≤ ${editBudget * 100} % of full`,
        pass: editShare.median / 100 <= editBudget,
      },
    ],
    details: [
      `row 5: ${(text.length / 1_000_000).toFixed(2)} MB, ${parts.length} documents, ${findings} findings; median (min–max) of ${pairs} pairs, CPU time: parseAllDocuments per document ${formatSpread(spreadOf(floorMs), 1)} ms, full validation ${formatSpread(fullSpread, 1)} ms; ${pairs * 2} edits ${formatSpread(spreadOf(editMs), 2)} ms`,
    ],
  };
}

export const row: BenchRow = {
  id: 5,
  what: 'validating a 1 MB file of 2,000 TokenRequest/TokenReview documents; then a one-character edit',
  against: "yaml's parseAllDocuments per document over the same documents",
  run,
};
