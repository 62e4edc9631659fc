import { uniqueEmail } from '../support/accounts';
import { SystemUnderTest } from '../support/system-under-test';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One signup of a stream: when it was sent, when it was answered, and how. */
export interface TimedSignup {
  email: string;
  startedAt: number;
  endedAt?: number;
  /** The HTTP status, or 0 if the connection died without an answer. */
  status?: number;
  code?: string;
  message?: string;
}

export interface StreamShape {
  /** Signups in flight at once. */
  workers: number;
  /** The stream ends once this many have been sent. */
  limit: number;
  /** Each worker's pause between the answer to one signup and the next. */
  pauseMs: number;
}

/** Sends one `tok_ok` signup and writes down when and how it was answered. */
export async function signUpTimed(system: SystemUnderTest, signup: TimedSignup): Promise<void> {
  const body = { email: signup.email, password: 'correct horse battery', planId: 'basic-monthly', paymentToken: 'tok_ok' };
  const answer = await system.http('POST', '/signup', { body }).catch(() => undefined);
  signup.endedAt = Date.now();
  signup.status = answer?.status ?? 0;
  const error = answer?.body as { code?: string; message?: string } | undefined;
  signup.code = error?.code;
  signup.message = error?.message;
}

/**
 * A bounded stream of signups for the fault tests: `workers` at a time, until `limit` have been
 * sent or `stop()` is called. Every signup keeps its own timing, so a test can say which were in
 * flight at the moment of a fault (sent before it, answered after it).
 */
export class SignupStream {
  readonly signups: TimedSignup[] = [];
  private stopped = false;
  private readonly running: Promise<void[]>;

  constructor(
    private readonly system: SystemUnderTest,
    private readonly label: string,
    private readonly shape: StreamShape,
  ) {
    this.running = Promise.all(Array.from({ length: shape.workers }, () => this.worker()));
  }

  /** How many have been answered so far. */
  answered(): number {
    return this.signups.filter((signup) => signup.endedAt !== undefined).length;
  }

  /** Sent at or before `at` and not answered before it: what a fault at `at` could hit. */
  inFlightAt(at: number): TimedSignup[] {
    return this.signups.filter((signup) => signup.startedAt <= at && (signup.endedAt === undefined || signup.endedAt >= at));
  }

  /** Resolves once every signup sent has been answered (the limit reached, or stopped). */
  async finished(): Promise<TimedSignup[]> {
    await this.running;
    return this.signups;
  }

  stop(): Promise<TimedSignup[]> {
    this.stopped = true;
    return this.finished();
  }

  private async worker(): Promise<void> {
    while (!this.stopped && this.signups.length < this.shape.limit) {
      const signup: TimedSignup = { email: uniqueEmail(this.label), startedAt: Date.now() };
      this.signups.push(signup);
      await signUpTimed(this.system, signup);
      await sleep(this.shape.pauseMs);
    }
  }
}
