import { join } from 'node:path';
import { loadTopology } from '../config/load-topology';
import { MessageSender } from '../messaging/message-sender';
import { registryTestConfig } from '../../test/registry-fakes';
import { TcpPings } from './tcp-pings';

const allRemote = () => loadTopology({ TOPOLOGY: 'all-remote', PROCESS: 'main' }, join(__dirname, '..', '..', '..', '..'));

function pingsAnsweredBy(answer: (module: string) => Promise<unknown>) {
  const asked: string[] = [];
  const sender = {
    send: (module: string) => {
      asked.push(module);
      return answer(module);
    },
  } as unknown as MessageSender;
  return { pings: new TcpPings(allRemote(), registryTestConfig(), sender), asked };
}

describe('TcpPings, the liveness of processes reached over TCP (ADR 0029)', () => {
  it('lists each TCP process that answers the ping, under its process name, and leaves out one that does not', async () => {
    const { pings } = pingsAnsweredBy((module) =>
      module === 'audit' ? Promise.reject(new Error('unavailable')) : Promise.resolve({ process: module, modules: [module] }),
    );
    const answers = await pings.answers(0);
    expect(answers.map((instance) => [instance.id, instance.seenBy, instance.health]).sort()).toEqual([
      ['auth', 'ping', 'ok'],
      ['billing', 'ping', 'ok'],
      ['notification', 'ping', 'ok'],
    ]);
    expect(answers.find((instance) => instance.id === 'billing')!.contracts).toContain('billing.plans.list.v1');
  });

  it('pings only when read, and at most once per heartbeat interval however often it is read', async () => {
    const { pings, asked } = pingsAnsweredBy((module) => Promise.resolve({ process: module, modules: [module] }));
    expect(asked).toEqual([]);
    await pings.answers(0);
    await pings.answers(999);
    expect(asked).toHaveLength(4);
    await pings.answers(1000);
    expect(asked).toHaveLength(8);
  });
});
