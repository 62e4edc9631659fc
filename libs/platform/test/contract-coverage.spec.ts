import { Injectable, Module } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertHandlersMatchContracts, EventConsumer, HandlesEvent, PlatformModule, readPlatformConfig, Topology } from '../src';
import { EventLogModule } from './fixtures/event-log.fixture';
import { NoteModule, NoteWritten } from './fixtures/note.fixture';

/** A handler for one event in a module that subscribes to all of them: EVENT_SUBSCRIPTIONS does not list it. */
@Injectable()
@EventConsumer('audit')
class StrayNoteHandler {
  @HandlesEvent(NoteWritten)
  noted(): Promise<void> {
    return Promise.resolve();
  }
}

@Module({ providers: [StrayNoteHandler] })
class StrayNoteModule {}

describe('the start-up check that handlers match the contracts of the modules hosted here', () => {
  let app: TestingModule;

  beforeAll(async () => {
    // auth is the notes fixture (none of auth's calls), audit the event log, and notification is placed here with no module at all
    const modules = { auth: { process: 'main' }, audit: { process: 'main' }, notification: { process: 'main' } };
    const topology = new Topology('coverage', { processes: { main: {} }, modules }, 'main');
    const config = readPlatformConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'archipelago-coverage-')) });
    app = await Test.createTestingModule({
      imports: [PlatformModule.forRoot({ topology, config }), NoteModule, EventLogModule, StrayNoteModule],
    }).compile();
  }, 30_000);
  afterAll(async () => {
    await app.init();
    await app.close();
  });

  it('names every mismatch of calls and events once, in one error', () => {
    const topology = app.get(Topology);
    const problems = (() => {
      try {
        assertHandlersMatchContracts(app, topology);
      } catch (error) {
        return (error as Error).message.split('\n');
      }
      throw new Error('the check passed');
    })();
    expect(problems[0]).toBe('Handlers do not match the contracts of the modules hosted here:');
    const lines = problems.slice(1).map((line) => line.replace(/^ {2}- /, ''));
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines).toEqual(
      expect.arrayContaining([
        'auth publishes auth.user.register.v1 but no @Handles method answers it',
        'notification subscribes to auth.user.registered.v1 but has no @HandlesEvent for it',
        'audit handles auth.note.written.v1 but EVENT_SUBSCRIPTIONS does not list it',
      ]),
    );
    expect(lines.some((line) => line.startsWith('audit subscribes'))).toBe(false);
  });
});
