// Prints how JWT scanning and hover lookup scale with the text: run with `npx tsx bench/jwt.bench.ts`.
import { SignJWT } from 'jose';
import { scanTokens, tokenAt } from '../src/jwt/scan';
import { decodeJwt } from '../src/jwt/decode';
import { describeJwt } from '../src/jwt/describe';

function median(run: () => void, times = 7): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[Math.floor(times / 2)];
}

async function main(): Promise<void> {
  const token = await new SignJWT({ sub: 'system:serviceaccount:demo:vault-auth', 'kubernetes.io': { namespace: 'demo', serviceaccount: { name: 'vault-auth', uid: 'u' } }, exp: 2_000_000_000 })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode('x'.repeat(32)));
  const logLine = `2026-11-24T12:00:00Z INFO request authorized token=${token} path=/api\n`;
  const inputs: Record<string, (bytes: number) => string> = {
    'log lines with a token each': (bytes) => logLine.repeat(Math.ceil(bytes / logLine.length)),
    'one line of "eyJ" repeated': (bytes) => 'eyJ'.repeat(bytes / 3),
    'one line of "eyJa." repeated': (bytes) => 'eyJa.'.repeat(bytes / 5),
    'prose, no tokens': (bytes) => 'the quick brown fox jumps over the lazy dog. '.repeat(Math.ceil(bytes / 45)),
  };
  console.log('scanTokens (whole text), median of 7:');
  for (const [name, make] of Object.entries(inputs)) {
    const small = make(1_000_000);
    const large = make(10_000_000);
    const t1 = median(() => scanTokens(small));
    const t10 = median(() => scanTokens(large));
    console.log(`  ${name.padEnd(30)} 1 MB ${t1.toFixed(1).padStart(6)} ms   10 MB ${t10.toFixed(1).padStart(7)} ms   ratio ${(t10 / t1).toFixed(1)} (linear: 10)`);
}
const oneLine = `${'x'.repeat(5_000_000)} ${token} ${'x'.repeat(5_000_000)}`;
const at = 5_000_001 + 10;
const hover = median(() => describeJwt(decodeJwt(tokenAt(oneLine, at)!.text), Date.now()), 21);
const miss = median(() => tokenAt(oneLine, 100), 21);
console.log(`hover on a 10 MB one-line file: token under the cursor ${hover.toFixed(2)} ms; no token under the cursor ${miss.toFixed(2)} ms`);
}

void main();
