import { MODULE_CONTRACTS } from '@app/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { hostname } from 'node:os';
import { Topology } from '../config/topology';
import { ModuleDatabase } from '../database/module-database';
import { Announcement, InstanceHealth } from './announcement';
import { instanceIdOf } from './instance-id';

/** A database that takes longer than this to answer `SELECT 1` makes the instance `degraded`. */
const HEALTH_TIMEOUT_MS = 500;

/** Whatever lists the databases of the modules hosted here, given by the kernel's module so this folder needs nothing from `module/`. */
export const HOSTED_DATABASES = Symbol('HOSTED_DATABASES');
export interface DatabasesHostedHere {
  all(): Array<{ database: Pick<ModuleDatabase, 'read'> }>;
}

/** This running process, as it announces itself (ADR 0029). */
@Injectable()
export class ThisInstance {
  readonly id: string;
  readonly host = hostname();
  /** When the OS process started (Node's time origin), not when the registry first heard of it. */
  readonly startedAt = new Date(performance.timeOrigin).toISOString();

  constructor(
    @Inject(Topology) private readonly topology: Topology,
    @Inject(HOSTED_DATABASES) private readonly hosted: DatabasesHostedHere,
  ) {
    this.id = instanceIdOf(topology.processName);
  }

  async describe(): Promise<Announcement> {
    const modules = this.topology.hostedModules;
    return {
      instance: this.id,
      host: this.host,
      topology: this.topology.name,
      process: this.topology.processName,
      modules,
      gateway: this.topology.self.http !== undefined,
      contracts: modules.flatMap((module) => MODULE_CONTRACTS[module].map((contract) => contract.pattern)),
      startedAt: this.startedAt,
      health: await this.health(),
    };
  }

  /** `ok` when every database of the modules hosted here answers in time; the details are `GET /health`'s. */
  private async health(): Promise<InstanceHealth> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS).unref()));
    const checks = this.hosted.all().map((module) => module.database.read((manager) => manager.query('SELECT 1')));
    const answered = Promise.all(checks).then(
      () => true,
      () => false,
    );
    const healthy = await Promise.race([answered, late]);
    clearTimeout(timer);
    return healthy ? 'ok' : 'degraded';
  }
}
