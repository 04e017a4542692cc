// Row 4 of issue 16: decoding and describing one Kubernetes ServiceAccount token for the hover
// (decodeJwt + describeJwt: every check, every claim explained), against jose's decodeJwt +
// decodeProtectedHeader (base64url and JSON.parse of both parts, nothing else). Ours is the shipped
// build (bench/shipped.ts).
import { decodeJwt as joseDecodeJwt, decodeProtectedHeader } from 'jose';
import { benchNow, kubernetesToken } from '../jwtInputs';
import { seededRandom } from '../seededRandom';
import { formatSpread, spreadOf } from '../measure';
import type { BenchRow, BenchRowResult } from '../row';
import { shipped } from '../shipped';
import type * as decodeModule from '../../src/jwt/decode';
import type * as describeModule from '../../src/jwt/describe';

const { decodeJwt } = shipped<typeof decodeModule>('src/jwt/decode.ts');
const { describeJwt } = shipped<typeof describeModule>('src/jwt/describe.ts');

/** Short alternating batches: a noisy neighbour slows both sides of a batch pair alike. */
const batches = 61;
const perBatch = 500;
const budget = 3;

function microseconds(work: () => unknown): number {
  const started = performance.now();
  for (let i = 0; i < perBatch; i++) {
    work();
  }
  return ((performance.now() - started) * 1000) / perBatch;
}

async function run(): Promise<BenchRowResult> {
  const token = kubernetesToken(seededRandom(4));
  const ours = () => describeJwt(decodeJwt(token), benchNow);
  const jose = () => [joseDecodeJwt(token), decodeProtectedHeader(token)];
  for (let i = 0; i < 20; i++) {
    microseconds(ours);
    microseconds(jose);
  }
  const oursTimes: number[] = [];
  const joseTimes: number[] = [];
  for (let batch = 0; batch < batches; batch++) {
    // Alternating which goes first, so neither always runs in the other's wake.
    if (batch % 2 === 0) {
      oursTimes.push(microseconds(ours));
      joseTimes.push(microseconds(jose));
    } else {
      joseTimes.push(microseconds(jose));
      oursTimes.push(microseconds(ours));
    }
  }
  const ratio = spreadOf(oursTimes.map((time, i) => time / joseTimes[i]));
  const decodeOnly = spreadOf(Array.from({ length: 21 }, () => microseconds(() => decodeJwt(token)) / microseconds(jose)));
  return {
    figures: [{ label: `decode + describe: ${formatSpread(ratio)}× jose's decodeJwt + decodeProtectedHeader`, value: ratio.median, budget: `≤ ${budget}× jose`, pass: ratio.median <= budget }],
    details: [
      `row 4: one ${token.length}-character ServiceAccount token, median (min–max) of ${batches} batches of ${perBatch}: decode + describe ${formatSpread(spreadOf(oursTimes), 1)} µs, jose ${formatSpread(spreadOf(joseTimes), 1)} µs`,
      `row 4: decodeJwt alone (which also checks nesting depth and repeated names, and says what is wrong) is ${formatSpread(decodeOnly)}× jose`,
    ],
  };
}

export const row: BenchRow = {
  id: 4,
  what: 'decode and describe one Kubernetes token for the hover',
  against: "jose's decodeJwt + decodeProtectedHeader on the same token",
  run,
};
