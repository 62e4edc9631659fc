/** The far side of the raw Nest hop: a Nest TCP microservice answering `user.me` from memory. */
import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, MicroserviceOptions, Payload, Transport } from '@nestjs/microservices';
import { announceReady, closeOnSigterm } from './ready';

const USER = { email: 'hop@bench.test', roles: ['user'], createdAt: new Date().toISOString() };

@Controller()
class UserController {
  @MessagePattern('user.me')
  me(@Payload() request: { userId: string }): object {
    return { id: request.userId, ...USER };
  }
}

@Module({ controllers: [UserController] })
class HopServiceModule {}

async function main(): Promise<void> {
  const port = Number(process.env.PORT);
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(HopServiceModule, {
    transport: Transport.TCP,
    options: { host: '127.0.0.1', port },
    logger: false,
  });
  await app.listen();
  closeOnSigterm(() => app.close());
  announceReady({ port });
}

void main();
