// End-to-end tests start and stop real processes: give each test room on a busy 2-core machine.
jest.setTimeout(120_000);
