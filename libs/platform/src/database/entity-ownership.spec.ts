import { DataSource, Entity, PrimaryColumn } from 'typeorm';
import { findSharedEntities } from './entity-ownership';

@Entity('wallets')
class Wallet {
  @PrimaryColumn() id!: string;
}

@Entity('profiles')
class Profile {
  @PrimaryColumn() id!: string;
}

const dataSourceWith = async (...entities: Array<new () => object>) =>
  new DataSource({ type: 'sqlite', database: ':memory:', entities }).initialize();

describe('entity ownership', () => {
  it("reports an entity registered with two modules' DataSources", async () => {
    const billing = await dataSourceWith(Wallet);
    const auth = await dataSourceWith(Wallet, Profile);
    expect(
      findSharedEntities(
        new Map([
          ['billing', billing],
          ['auth', auth],
        ]),
      ),
    ).toEqual(['entity Wallet is registered with the DataSources of billing and auth']);
    await Promise.all([billing.destroy(), auth.destroy()]);
  });

  it('accepts modules that each keep their own entities', async () => {
    const billing = await dataSourceWith(Wallet);
    const auth = await dataSourceWith(Profile);
    expect(
      findSharedEntities(
        new Map([
          ['billing', billing],
          ['auth', auth],
        ]),
      ),
    ).toEqual([]);
    await Promise.all([billing.destroy(), auth.destroy()]);
  });
});
