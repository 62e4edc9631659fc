import { GatewayModule } from '@app/gateway';

export { GatewayModule };
