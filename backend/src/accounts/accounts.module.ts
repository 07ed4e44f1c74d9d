import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AccountErasureService } from './account-erasure.service';

/** What happens to an account's data in the tasks store when the account is deleted. */
@Module({
  imports: [AuthModule],
  providers: [AccountErasureService],
})
export class AccountsModule {}
