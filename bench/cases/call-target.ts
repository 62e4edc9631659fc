/**
 * Something the bench can call in its own process: the kernel (in-process or over TCP) and the
 * peers (raw Nest ClientTCP, Moleculer). Adapters are small on purpose: if the kernel's API
 * changes, only its adapter (kernel-calls.ts) does.
 */
export interface CallTarget {
  readonly name: string;
  start(): Promise<void>;
  /** One request/response round trip with a small validated payload. */
  call(): Promise<unknown>;
  stop(): Promise<void>;
}
