/**
 * The local server's time, which a test may move forward to see what a real server does later
 * (a token's expiry, the end of the TokenReview cache) without waiting for it.
 */
export class Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }
}
