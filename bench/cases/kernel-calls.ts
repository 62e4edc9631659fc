/**
 * The kernel's call path, measured in this process with the kernel's own test harness
 * (libs/platform/test/kernel-system.ts): `ContractBus.call(contract, payload)` inside
 * `MessageContext.run(...)`, the fixture's admin-only query that touches no database, either
 * in-process, or to a second Nest app over TCP on loopback or over NATS (a nats-server of its own
 * on `portBase`). If the KernelSystem API changes, this
 * adapter is the one file to adjust.
 */
import { ContractBus } from '@app/contracts';
import { MessageContext, newTrace } from '@app/platform';
import { KernelMode, KernelSystem } from '../../libs/platform/test/kernel-system';
import { NoteContract } from '../../libs/platform/test/fixtures/note.fixture';
import { CallTarget } from './call-target';

export class KernelCalls implements CallTarget {
  readonly name: string;
  private readonly system: KernelSystem;
  /** Held like a typed client holds it: looked up once, not per call. */
  private bus?: ContractBus;

  constructor(mode: KernelMode, portBase: number) {
    this.name = { tcp: 'kernel TCP call', nats: 'kernel NATS call', 'in-process': 'kernel in-process call' }[mode];
    this.system = new KernelSystem(mode, portBase);
  }

  async start(): Promise<void> {
    await this.system.start();
    this.bus = this.system.bus('gateway');
  }

  call(): Promise<unknown> {
    const context = { trace: newTrace(), actor: { kind: 'user' as const, id: 'u-1', roles: ['admin'] }, module: 'gateway' };
    return MessageContext.run(context, () => this.bus!.call(NoteContract.secret, {}));
  }

  stop(): Promise<void> {
    return this.system.stop();
  }
}
