/** The rules of the notification module that are not configuration. */

/** How many notifications a list query answers with, newest first. */
export const LIST_LIMIT = 200;

/** Notifications the dispatcher takes per pass; the next pass takes the rest. */
export const DISPATCH_BATCH = 50;

/** The longest wait between two attempts to send one notification. */
export const MAX_RETRY_DELAY_MS = 5 * 60 * 1000;

/** lastError is cut to this length. */
export const MAX_ERROR_LENGTH = 1000;

/** The role that may read every user's dead letters. */
export const ADMIN_ROLE = 'admin';

/**
 * A row the dispatcher claimed (`sending`) is its own for this long; after that (the process died
 * mid-send) another pass takes it again: at least once, as before the claim existed.
 */
export const SENDING_LEASE_MS = 60 * 1000;
