/** The part of the Compose specification the generator writes. */
export interface ComposeFile {
  name: string;
  services: Record<string, ComposeService>;
  volumes: Record<string, Record<string, never>>;
  secrets?: Record<string, { file: string }>;
}

export interface ComposeService {
  image: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment: Record<string, string>;
  volumes: string[];
  ports?: string[];
  expose?: string[];
  secrets?: string[];
  depends_on?: Record<string, { condition: 'service_healthy' | 'service_started' }>;
  healthcheck?: { test: string[]; interval: string; timeout: string; retries: number; start_period: string };
  restart: 'unless-stopped';
  /** Longer than SHUTDOWN_GRACE_MS (10 s): a stop drains the work in flight first (ADR 0017). */
  stop_grace_period?: string;
}
