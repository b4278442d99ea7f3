// A circuit breaker per origin (style rule 10): after `threshold` consecutive hard failures
// (connection errors, timeouts, 5xx/429 after retries) the origin is left alone for a cool-down
// that doubles on each failed probe; then one request is let through as a half-open probe.
export type BreakerState = 'closed' | 'open' | 'half-open';

interface OriginState {
  failures: number;
  state: BreakerState;
  openUntil: number;
  cooldown: number;
  probing: boolean;
  lastError?: string;
}

export interface BreakerOptions {
  threshold?: number;
  baseCooldownMs?: number;
  maxCooldownMs?: number;
  now?: () => number;
}

export class Breakers {
  private readonly origins = new Map<string, OriginState>();
  private readonly listeners = new Set<() => void>();
  private readonly threshold: number;
  private readonly base: number;
  private readonly max: number;
  private readonly now: () => number;

  constructor(opts: BreakerOptions = {}) {
    this.threshold = opts.threshold ?? 5;
    this.base = opts.baseCooldownMs ?? 10_000;
    this.max = opts.maxCooldownMs ?? 5 * 60_000;
    this.now = opts.now ?? Date.now;
  }

  private get(origin: string): OriginState {
    let s = this.origins.get(origin);
    if (!s) {
      s = { failures: 0, state: 'closed', openUntil: 0, cooldown: this.base, probing: false };
      this.origins.set(origin, s);
    }
    return s;
  }

  /** May a request go to this origin now? A half-open origin admits one probe at a time. */
  admit(origin: string): boolean {
    const s = this.get(origin);
    if (s.state === 'closed') return true;
    if (s.state === 'open' && this.now() >= s.openUntil) s.state = 'half-open';
    if (s.state === 'half-open' && !s.probing) {
      s.probing = true;
      return true;
    }
    return false;
  }

  success(origin: string): void {
    const s = this.get(origin);
    const changed = s.state !== 'closed';
    s.failures = 0;
    s.state = 'closed';
    s.cooldown = this.base;
    s.probing = false;
    s.lastError = undefined;
    if (changed) this.emit();
  }

  failure(origin: string, error: string): void {
    const s = this.get(origin);
    s.failures++;
    s.lastError = error;
    if (s.state === 'half-open') {
      s.probing = false;
      s.cooldown = Math.min(this.max, s.cooldown * 2);
      this.open(s);
    } else if (s.state === 'closed' && s.failures >= this.threshold) {
      this.open(s);
    }
  }

  /** A probe that ended without an answer either way (aborted): let another probe try. */
  release(origin: string): void {
    this.get(origin).probing = false;
  }

  private open(s: OriginState): void {
    // Jitter keeps many clients from probing in lockstep.
    s.openUntil = this.now() + s.cooldown * (0.9 + Math.random() * 0.2);
    const changed = s.state !== 'open';
    s.state = 'open';
    if (changed) this.emit();
  }

  state(origin: string): { state: BreakerState; lastError?: string; retryInMs: number } {
    const s = this.get(origin);
    return { state: s.state, lastError: s.lastError, retryInMs: Math.max(0, s.openUntil - this.now()) };
  }

  isOpen(origin: string): boolean {
    return this.get(origin).state !== 'closed';
  }

  onChange(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
