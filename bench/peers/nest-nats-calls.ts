/** Peer: a raw Nest ClientNats → ServerNats round trip (`@MessagePattern`), both in this process, on a nats-server of its own. */
import 'reflect-metadata';
import { NatsTestServer } from '@app/testing';
import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientProxy, ClientProxyFactory, MessagePattern, MicroserviceOptions, Payload, Transport } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { CallTarget } from '../cases/call-target';

@Controller()
class LookupController {
  @MessagePattern('user.lookup')
  lookup(@Payload() request: { id: string }): { id: string; secret: number } {
    return { id: request.id, secret: 42 };
  }
}

@Module({ controllers: [LookupController] })
class LookupModule {}

export class NestNatsCalls implements CallTarget {
  readonly name = 'raw Nest ClientNats → ServerNats';
  private readonly broker: NatsTestServer;
  private server?: INestMicroservice;
  private client?: ClientProxy;

  constructor(port: number) {
    this.broker = new NatsTestServer(port);
  }

  async start(): Promise<void> {
    await this.broker.start();
    const options = { servers: [this.broker.url], queue: 'lookup' };
    this.server = await NestFactory.createMicroservice<MicroserviceOptions>(LookupModule, {
      transport: Transport.NATS,
      options,
      logger: false,
    });
    await this.server.listen();
    this.client = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [this.broker.url] } });
    await this.client.connect();
  }

  call(): Promise<unknown> {
    return firstValueFrom(this.client!.send('user.lookup', { id: 'u-1' }));
  }

  async stop(): Promise<void> {
    await this.client?.close();
    await this.server?.close();
    await this.broker.stop();
  }
}
