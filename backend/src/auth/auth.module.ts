import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { ApiTokenVerifier } from './api-token-verifier';
import { JwtStrategy } from './jwt.strategy';
import { RevocationFeed } from './revocation-feed';

@Module({
  imports: [PassportModule.register({ session: false })],
  providers: [RevocationFeed, ApiTokenVerifier, JwtStrategy],
  exports: [RevocationFeed, ApiTokenVerifier],
})
export class AuthModule {}
