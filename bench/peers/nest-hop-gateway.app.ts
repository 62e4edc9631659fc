/** The near side of the raw Nest hop: Nest + Fastify `GET /me` → ClientTCP `user.me` → reply. */
import 'reflect-metadata';
import { Controller, Get, Inject, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientProxy, ClientsModule, Transport } from '@nestjs/microservices';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { firstValueFrom } from 'rxjs';
import { announceReady, closeOnSigterm } from './ready';

const USERS = 'USERS';

@Controller()
class HopController {
  constructor(@Inject(USERS) private readonly users: ClientProxy) {}

  @Get('me')
  me(): Promise<object> {
    return firstValueFrom(this.users.send<object>('user.me', { userId: 'u-1' }));
  }
}

@Module({
  imports: [
    ClientsModule.register([
      { name: USERS, transport: Transport.TCP, options: { host: '127.0.0.1', port: Number(process.env.SERVICE_PORT) } },
    ]),
  ],
  controllers: [HopController],
})
class HopGatewayModule {}

async function main(): Promise<void> {
  const port = Number(process.env.PORT);
  const app = await NestFactory.create<NestFastifyApplication>(HopGatewayModule, new FastifyAdapter(), { logger: false });
  await app.listen(port, '127.0.0.1');
  await app.get<ClientProxy>(USERS).connect();
  closeOnSigterm(() => app.close());
  announceReady({ port });
}

void main();
