import { SUBJECT_ROOT } from '../transport/nats/nats-subjects';

/**
 * The registry's subjects on a bus (ADR 0029), versioned like patterns: a new shape of
 * announcement is a `.v2` subject beside this one. No module is called `registry`, so they never
 * meet a module's `archipelago.<module>.<pattern>`. Every subscriber gets every message (no queue group).
 */
export const REGISTRY_SUBJECTS = {
  /** "I am here": a process's announcement, every `REGISTRY_HEARTBEAT_MS`. */
  heartbeat: `${SUBJECT_ROOT}.registry.heartbeat.v1`,
  /** "I am leaving": the same announcement, once, when a graceful shutdown begins. */
  goodbye: `${SUBJECT_ROOT}.registry.goodbye.v1`,
  /** "Who is there?": a registry that has just subscribed asks every process to beat now. */
  probe: `${SUBJECT_ROOT}.registry.probe.v1`,
} as const;
