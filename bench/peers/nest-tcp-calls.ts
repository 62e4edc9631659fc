/** Peer: a raw Nest ClientTCP → ServerTCP round trip (`@MessagePattern` lookup), both in this process. */
import 'reflect-metadata';
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

export class NestTcpCalls implements CallTarget {
  readonly name = 'raw Nest ClientTCP → ServerTCP';
  private server?: INestMicroservice;
  private client?: ClientProxy;

  constructor(private readonly port: number) {}

  async start(): Promise<void> {
    this.server = await NestFactory.createMicroservice<MicroserviceOptions>(LookupModule, {
      transport: Transport.TCP,
      options: { host: '127.0.0.1', port: this.port },
      logger: false,
    });
    await this.server.listen();
    this.client = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: '127.0.0.1', port: this.port } });
    await this.client.connect();
  }

  call(): Promise<unknown> {
    return firstValueFrom(this.client!.send('user.lookup', { id: 'u-1' }));
  }

  async stop(): Promise<void> {
    await this.client?.close();
    await this.server?.close();
  }
}
