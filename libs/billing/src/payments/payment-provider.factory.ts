import { PLATFORM_CONFIG, PlatformConfig } from '@app/platform';
import { Provider } from '@nestjs/common';
import { join } from 'node:path';
import { PaymentProvider } from './payment-provider.port';
import { LEDGER_FILE, SimulatedPaymentProvider } from './simulated-payment.provider';

/** The adapters this build knows, by the name `PAYMENT_PROVIDER` gives; each gets DATA_DIR. */
const ADAPTERS: Record<string, (dataDir?: string) => PaymentProvider> = {
  simulated: (dataDir) => new SimulatedPaymentProvider(dataDir ? join(dataDir, LEDGER_FILE) : undefined),
};

export function paymentProviderFor(name = process.env.PAYMENT_PROVIDER || 'simulated', dataDir?: string): PaymentProvider {
  const adapter = ADAPTERS[name];
  if (!adapter) throw new Error(`PAYMENT_PROVIDER="${name}" is not a known payment adapter (known: ${Object.keys(ADAPTERS).join(', ')})`);
  return adapter(dataDir);
}

export const paymentProvider: Provider = {
  provide: PaymentProvider,
  useFactory: (config: PlatformConfig) => paymentProviderFor(undefined, config.dataDir),
  inject: [PLATFORM_CONFIG],
};
