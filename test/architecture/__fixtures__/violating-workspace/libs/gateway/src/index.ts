export const GatewayModule = {};
