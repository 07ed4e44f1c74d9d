import { ApiProperty } from '@nestjs/swagger';
import { SetCompletedRequest } from '@taskgate/api-contract';
import { IsBoolean } from 'class-validator';

export class SetCompletedDto implements SetCompletedRequest {
  @ApiProperty({ description: 'The state to set; omit the body to flip it.' })
  @IsBoolean()
  completed!: boolean;
}
