import { ModuleKernel, PLATFORM_CONFIG } from '@app/platform';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { CancelRegistrationHandler } from './cancel-registration/cancel-registration.handler';
import { CancelRegistrationService } from './cancel-registration/cancel-registration.service';
import { AUTH_ENTITIES, AUTH_MIGRATIONS } from './database/auth-schema';
import { LoginFailures } from './login/login-failures';
import { LoginHandler } from './login/login.handler';
import { LoginService } from './login/login.service';
import { MeHandler } from './me/me.handler';
import { MeService } from './me/me.service';
import { PasswordHasher } from './passwords/password-hasher';
import { RefreshHandler } from './refresh/refresh.handler';
import { RefreshService } from './refresh/refresh.service';
import { RegisterHandler } from './register/register.handler';
import { RegisterService } from './register/register.service';
import { AdminSeeder } from './seed-admin/admin-seeder';
import { AccessTokens } from './tokens/access-tokens';
import { jwtOptionsFactory } from './tokens/jwt-options.factory';
import { RefreshTokens } from './tokens/refresh-tokens';
import { TokenPairIssuer } from './tokens/token-pair.issuer';
import { VerifyTokenHandler } from './verify-token/verify-token.handler';

/**
 * Accounts, passwords and tokens. Its only public face: everything else is reached through
 * AuthContract (`auth.*` patterns) and AuthEvents.
 */
@Module({
  imports: [
    ModuleKernel.forModule({ module: 'auth', entities: AUTH_ENTITIES, migrations: AUTH_MIGRATIONS }),
    JwtModule.registerAsync({ inject: [PLATFORM_CONFIG], useFactory: jwtOptionsFactory }),
  ],
  controllers: [RegisterHandler, LoginHandler, RefreshHandler, MeHandler, VerifyTokenHandler, CancelRegistrationHandler],
  providers: [
    PasswordHasher,
    AccessTokens,
    RefreshTokens,
    TokenPairIssuer,
    RegisterService,
    LoginFailures,
    LoginService,
    RefreshService,
    MeService,
    CancelRegistrationService,
    AdminSeeder,
  ],
})
export class AuthModule {}
