import { ModuleDatabase } from '@app/platform';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AUDIT_CONFIG, AuditConfig } from '../audit.config';
import { AuditChainKey } from '../chain/audit-chain-key';
import { ChainWalker } from '../chain/chain-walker';
import { entryAt, newestEntry, ReadAuditLog, walkEntries } from '../database/audit-log-reads';
import { appendCheckpoint, readCheckpointFile } from './checkpoint-file';
import { Checkpoint, signCheckpoint } from './checkpoint';

/**
 * Every `AUDIT_CHECKPOINT_INTERVAL_MS`, at start and once more on shutdown, appends a signed
 * checkpoint of the chain's head to the checkpoint file — only when the head moved, and only
 * when the entries since the last checkpoint extend it (their MACs and links hold): the writer
 * never vouches for a log someone cut or rewrote behind its back (ADR 0024).
 */
@Injectable()
export class CheckpointWriter implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditCheckpoints');
  private readonly read: ReadAuditLog;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private last?: Checkpoint;
  /** The head last refused, so a tampered log is reported once, not at every tick. */
  private refusedHead?: string;

  constructor(
    db: ModuleDatabase,
    private readonly key: AuditChainKey,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
  ) {
    this.read = (work) => db.read(work);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.last = (await readCheckpointFile(this.config.checkpointFile, this.key)).latest;
    this.timer = setInterval(() => this.tick(), this.config.checkpointIntervalMs).unref();
    this.tick();
  }

  /** After the drain (nothing is appended any more), before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.checkpointIfMoved().catch((error: Error) => this.logger.error(`checkpoint on shutdown failed: ${error.message}`));
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.checkpointIfMoved()
      .catch((error: Error) => this.logger.error(`checkpoint failed: ${error.message}`))
      .finally(() => (this.running = undefined));
  }

  private async checkpointIfMoved(): Promise<void> {
    const head = await newestEntry(this.read);
    if (!head || (head.seq === this.last?.seq && head.hash === this.last.head) || head.hash === this.refusedHead) return;
    const problems = await this.problemsSinceLast(head.seq);
    if (problems.length > 0) {
      this.refusedHead = head.hash;
      this.logger.error(
        `the audit log does not extend its last checkpoint (entry ${this.last?.seq ?? 0}): ${problems.join('; ')}. ` +
          'No checkpoint is written until it does; run npm run audit:verify.',
      );
      return;
    }
    const checkpoint = signCheckpoint(this.key, { seq: head.seq, head: head.hash, at: new Date().toISOString() });
    await appendCheckpoint(this.config.checkpointFile, checkpoint);
    this.last = checkpoint;
    this.refusedHead = undefined;
  }

  /** Walks only the entries after the last checkpoint, from the link it pins. */
  private async problemsSinceLast(upToSeq: number): Promise<string[]> {
    const last = this.last;
    if (last) {
      const anchor = await entryAt(this.read, last.seq);
      if (!anchor) return [`entry ${last.seq} is gone`];
      if (anchor.hash !== last.head) return [`entry ${last.seq} no longer has the hash the checkpoint pins`];
    }
    const walker = new ChainWalker(this.key, last ? { from: { seq: last.seq, hash: last.head } } : {});
    await walkEntries(this.read, walker, last?.seq ?? 0, upToSeq);
    return walker.finish().map((problem) => `${problem.kind}: ${problem.detail}`);
  }
}
