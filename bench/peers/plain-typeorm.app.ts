/**
 * "The price of modularity" baseline: one Nest + Fastify + TypeORM (sqlite3, WAL) app with no
 * modules, no envelope, no outbox. `GET /me` does what Archipelago's `GET /auth/me` does (HS256
 * JWT verify through @nestjs/jwt with a KeyObject secret, then SELECT the user by id);
 * `POST /subscriptions` does the business writes of `POST /billing/subscriptions` (read the plan,
 * insert the customer if missing, insert an open invoice, charge with the instant simulator,
 * insert the subscription, mark the invoice paid), writes serialised on the one connection.
 */
import 'reflect-metadata';
import {
  Body,
  CanActivate,
  Controller,
  ExecutionContext,
  Get,
  Injectable,
  Module,
  NotFoundException,
  Post,
  Req,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { createHash, createSecretKey, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, DataSource, Entity, EntityManager, PrimaryColumn } from 'typeorm';
import { announceReady, closeOnSigterm } from './ready';

const ISSUER = 'archipelago-auth';
const AUDIENCE = 'archipelago';
const SECRET = createSecretKey(Buffer.from(randomUUID() + randomUUID(), 'utf8'));

@Entity('users')
class User {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 254 }) email!: string;
  @Column({ type: 'varchar', length: 255 }) passwordHash!: string;
  @Column({ type: 'text' }) roles!: string;
  @Column({ type: 'varchar', length: 30 }) createdAt!: string;
}
@Entity('plans')
class Plan {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ type: 'integer' }) amountMinor!: number;
  @Column({ type: 'varchar', length: 3 }) currency!: string;
}
@Entity('customers')
class Customer {
  @PrimaryColumn({ type: 'varchar', length: 36 }) userId!: string;
  @Column({ type: 'varchar', length: 30 }) createdAt!: string;
}
@Entity('invoices')
class Invoice {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) subscriptionId!: string;
  @Column({ type: 'varchar', length: 36 }) userId!: string;
  @Column({ type: 'integer' }) amountMinor!: number;
  @Column({ type: 'varchar', length: 3 }) currency!: string;
  @Column({ type: 'varchar', length: 10 }) status!: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) chargeId!: string | null;
  @Column({ type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ type: 'varchar', length: 30, nullable: true }) paidAt!: string | null;
}
@Entity('subscriptions')
class Subscription {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) userId!: string;
  @Column({ type: 'varchar', length: 64 }) planId!: string;
  @Column({ type: 'varchar', length: 20 }) status!: string;
  @Column({ type: 'varchar', length: 30 }) createdAt!: string;
}

interface Claims {
  sub: string;
}
type AuthedRequest = { headers: Record<string, string | undefined>; userId?: string };

@Injectable()
class JwtGuard implements CanActivate {
  constructor(private readonly jwt: JwtService) {}
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const claims = token ? await this.jwt.verifyAsync<Claims>(token).catch(() => undefined) : undefined;
    if (!claims?.sub) throw new UnauthorizedException();
    request.userId = claims.sub;
    return true;
  }
}

class SubscribeBody {
  planId!: string;
  paymentToken!: string;
}

@Controller()
@UseGuards(JwtGuard)
class PlainController {
  /** One sqlite3 connection: transactions take turns, reads do not wait. */
  private writes: Promise<unknown> = Promise.resolve();
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = this.writes.then(() => this.db.transaction(work));
    this.writes = run.catch(() => undefined);
    return run;
  }

  @Get('me')
  async me(@Req() request: AuthedRequest): Promise<object> {
    const user = await this.db.manager.findOneBy(User, { id: request.userId! });
    if (!user) throw new NotFoundException();
    return { id: user.id, email: user.email, roles: JSON.parse(user.roles) as string[], createdAt: user.createdAt };
  }

  @Post('subscriptions')
  async subscribe(@Req() request: AuthedRequest, @Body() body: SubscribeBody): Promise<object> {
    const userId = request.userId!;
    const plan = await this.db.manager.findOneBy(Plan, { id: body.planId });
    if (!plan) throw new NotFoundException();
    const now = new Date().toISOString();
    const invoice: Invoice = {
      id: randomUUID(),
      subscriptionId: randomUUID(),
      userId,
      amountMinor: plan.amountMinor,
      currency: plan.currency,
      status: 'open',
      chargeId: null,
      createdAt: now,
      paidAt: null,
    };
    await this.transaction(async (manager) => {
      if (!(await manager.existsBy(Customer, { userId }))) await manager.insert(Customer, { userId, createdAt: now });
      await manager.insert(Invoice, invoice);
    });
    if (body.paymentToken !== 'tok_ok') throw new UnauthorizedException('declined');
    const chargeId = `ch_sim_${createHash('sha256').update(invoice.id).digest('hex').slice(0, 24)}`;
    const subscription: Subscription = { id: invoice.subscriptionId, userId, planId: plan.id, status: 'active', createdAt: now };
    await this.transaction(async (manager) => {
      await manager.insert(Subscription, subscription);
      await manager.update(Invoice, { id: invoice.id }, { status: 'paid', chargeId, paidAt: new Date().toISOString() });
    });
    return { ...subscription, invoice: { ...invoice, status: 'paid', chargeId } };
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'bench-plain-'));

@Module({
  imports: [
    JwtModule.register({
      secret: SECRET,
      signOptions: { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, expiresIn: 3600 },
      verifyOptions: { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE },
    }),
    TypeOrmModule.forRoot({
      type: 'sqlite',
      database: join(dataDir, 'plain.sqlite'),
      enableWAL: true,
      busyTimeout: 5000,
      entities: [User, Plan, Customer, Invoice, Subscription],
      synchronize: true,
      logging: false,
    }),
  ],
  controllers: [PlainController],
  providers: [JwtGuard],
})
class PlainModule {}

async function main(): Promise<void> {
  const port = Number(process.env.PORT);
  const app = await NestFactory.create<NestFastifyApplication>(PlainModule, new FastifyAdapter(), { logger: false });
  const db = app.get(DataSource);
  const userId = randomUUID();
  await db.manager.insert(User, {
    id: userId,
    email: 'plain@bench.test',
    passwordHash: 'x',
    roles: '["user"]',
    createdAt: new Date().toISOString(),
  });
  await db.manager.insert(Plan, { id: 'basic-monthly', amountMinor: 900, currency: 'EUR' });
  const token = await app.get(JwtService).signAsync({ email: 'plain@bench.test', roles: ['user'] }, { subject: userId });
  await app.listen(port, '127.0.0.1');
  closeOnSigterm(() => app.close());
  announceReady({ port, token, dataDir });
}

void main();
