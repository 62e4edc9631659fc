import { AuthClient, LoginRequest, RefreshRequest, RegisterRequest, TokenPair, UserView } from '@app/contracts';
import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedGuard } from '../http/authenticated.guard';

/** The auth module's calls, over HTTP. Validation uses the contract's own DTOs. */
@ApiTags('auth')
@Controller('auth')
export class AuthHttpController {
  constructor(private readonly auth: AuthClient) {}

  @Post('register')
  @ApiOperation({ summary: 'Create an account (role user)' })
  @ApiResponse({ status: 201, type: UserView })
  @ApiResponse({ status: 409, description: 'email already registered' })
  register(@Body() request: RegisterRequest): Promise<UserView> {
    return this.auth.register(request);
  }

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for an access and a refresh token' })
  @ApiResponse({ status: 200, type: TokenPair })
  @ApiResponse({ status: 401, description: 'wrong email or password' })
  @ApiResponse({ status: 423, description: 'account locked after repeated failures' })
  login(@Body() request: LoginRequest): Promise<TokenPair> {
    return this.auth.login(request);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the refresh token: the old one stops working' })
  @ApiResponse({ status: 200, type: TokenPair })
  refresh(@Body() request: RefreshRequest): Promise<TokenPair> {
    return this.auth.refresh(request);
  }

  @Get('me')
  @UseGuards(AuthenticatedGuard)
  @ApiBearerAuth()
  @ApiResponse({ status: 200, type: UserView })
  me(): Promise<UserView> {
    return this.auth.me();
  }
}
