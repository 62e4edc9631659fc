import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import { ChargeRequest, ChargeResult, PaymentProvider, ProviderMovement, RefundRequest, RefundResult } from './payment-provider.port';

/** How long `tok_slow` takes: longer than any sensible call deadline. */
export const SLOW_CHARGE_MS = 10_000;

/** The simulated provider's ledger, under DATA_DIR: one JSON line per money movement. */
export const LEDGER_FILE = 'payment-ledger.jsonl';

const idOf = (prefix: string, key: string) => `${prefix}_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;

/**
 * A deterministic stand-in for a card processor, driven by test tokens:
 * `tok_ok` pays, `tok_declined` and `tok_insufficient_funds` fail, `tok_slow` takes 10 s to pay,
 * anything else is declined. Like a real provider it deduplicates by idempotency key (same key,
 * same result, no second movement), refuses to refund more than was charged, and keeps a ledger:
 * an append-only JSON-lines file (one line per charge or refund, written with appendFileSync) that
 * outlives billing's process and that tests read to count movements.
 *
 * The file is the provider's memory, shared by every process that names it: before each answer
 * it reads the lines appended since it last looked (by any process), so the replicas of billing
 * (ADR 0028) see one provider, as they would a real one — a charge made by a replica that was
 * killed a moment later is found, and refunded, by the one that survived. Without a ledger file
 * (`undefined`) it keeps the ledger in memory only.
 */
@Injectable()
export class SimulatedPaymentProvider extends PaymentProvider {
  private readonly byKey = new Map<string, ProviderMovement>();
  private readonly refundedOf = new Map<string, number>();
  private readonly charges = new Map<string, Extract<ProviderMovement, { kind: 'charge' }>>();
  private readonly inFlight = new Map<string, Promise<ChargeResult>>();
  /** How many bytes of the ledger file are already in the maps above. */
  private ledgerBytesRead = 0;

  constructor(private readonly ledgerFile?: string) {
    super();
    if (ledgerFile) mkdirSync(dirname(ledgerFile), { recursive: true });
    this.catchUp();
  }

  charge(request: ChargeRequest): Promise<ChargeResult> {
    this.catchUp();
    const done = this.byKey.get(request.idempotencyKey);
    if (done?.kind === 'charge') return Promise.resolve({ outcome: 'succeeded', chargeId: done.chargeId });
    let running = this.inFlight.get(request.idempotencyKey);
    if (!running) {
      running = this.authorise(request).finally(() => this.inFlight.delete(request.idempotencyKey));
      this.inFlight.set(request.idempotencyKey, running);
    }
    return running;
  }

  refund(request: RefundRequest): Promise<RefundResult> {
    this.catchUp();
    const done = this.byKey.get(request.idempotencyKey);
    if (done?.kind === 'refund') return Promise.resolve({ refundId: done.refundId });
    const charge = this.charges.get(request.chargeId);
    if (!charge) return Promise.reject(new Error(`no charge ${request.chargeId} to refund`));
    const refunded = this.refundedOf.get(request.chargeId) ?? 0;
    if (refunded + request.amountMinor > charge.amountMinor || request.currency !== charge.currency)
      return Promise.reject(new Error(`charge ${request.chargeId} cannot be refunded ${request.amountMinor} ${request.currency} more`));
    const movement: ProviderMovement = {
      kind: 'refund',
      key: request.idempotencyKey,
      chargeId: request.chargeId,
      refundId: idOf('re_sim', request.idempotencyKey),
      amountMinor: request.amountMinor,
      currency: request.currency,
      at: new Date().toISOString(),
    };
    this.record(movement);
    return Promise.resolve({ refundId: movement.refundId });
  }

  find(idempotencyKey: string): Promise<ProviderMovement | undefined> {
    this.catchUp();
    return Promise.resolve(this.byKey.get(idempotencyKey));
  }

  /** Every movement so far, oldest first (what the ledger file holds). */
  movements(): ProviderMovement[] {
    return [...this.byKey.values()];
  }

  private async authorise(request: ChargeRequest): Promise<ChargeResult> {
    switch (request.paymentToken) {
      case 'tok_ok':
        return this.captured(request);
      case 'tok_slow':
        await new Promise((resolve) => setTimeout(resolve, SLOW_CHARGE_MS).unref());
        return this.captured(request);
      case 'tok_declined':
        return { outcome: 'declined', reason: 'the card was declined' };
      case 'tok_insufficient_funds':
        return { outcome: 'insufficient_funds', reason: 'the card has insufficient funds' };
      default:
        return { outcome: 'declined', reason: 'unknown test token' };
    }
  }

  private captured(request: ChargeRequest): ChargeResult {
    this.catchUp();
    const done = this.byKey.get(request.idempotencyKey);
    if (done?.kind === 'charge') return { outcome: 'succeeded', chargeId: done.chargeId };
    const movement: ProviderMovement = {
      kind: 'charge',
      key: request.idempotencyKey,
      chargeId: idOf('ch_sim', request.idempotencyKey),
      amountMinor: request.amountMinor,
      currency: request.currency,
      at: new Date().toISOString(),
    };
    this.record(movement);
    return { outcome: 'succeeded', chargeId: movement.chargeId };
  }

  /** The file first: a movement that is not on the ledger did not happen. It is remembered as it is read back. */
  private record(movement: ProviderMovement): void {
    if (!this.ledgerFile) {
      this.remember(movement);
      return;
    }
    appendFileSync(this.ledgerFile, `${JSON.stringify(movement)}\n`);
    this.catchUp();
  }

  /** Remembers the whole lines appended to the ledger file since the last look, whoever wrote them. */
  private catchUp(): void {
    if (!this.ledgerFile || !existsSync(this.ledgerFile)) return;
    const fd = openSync(this.ledgerFile, 'r');
    try {
      const unread = Buffer.alloc(fstatSync(fd).size - this.ledgerBytesRead);
      readSync(fd, unread, 0, unread.length, this.ledgerBytesRead);
      const text = unread.toString('utf8');
      const complete = text.slice(0, text.lastIndexOf('\n') + 1);
      this.ledgerBytesRead += Buffer.byteLength(complete);
      for (const line of complete.split('\n')) if (line.trim()) this.remember(JSON.parse(line) as ProviderMovement);
    } finally {
      closeSync(fd);
    }
  }

  private remember(movement: ProviderMovement): void {
    this.byKey.set(movement.key, movement);
    if (movement.kind === 'charge') this.charges.set(movement.chargeId, movement);
    else this.refundedOf.set(movement.chargeId, (this.refundedOf.get(movement.chargeId) ?? 0) + movement.amountMinor);
  }
}
