import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProblemDetails } from '@taskgate/api-contract';

export class FieldErrorDto {
  @ApiProperty({ example: 'title' })
  field!: string;

  @ApiProperty({ example: 'must be text of 1 to 200 characters after trimming, without NUL characters' })
  message!: string;
}

/** RFC 9457 problem details, as every error answers. */
export class ProblemDetailsDto implements ProblemDetails {
  @ApiProperty({ example: 'about:blank' })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'The request is invalid; see errors.' })
  detail!: string;

  @ApiProperty({ example: '/api/Jb3kq8/tasks' })
  instance!: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'On validation failures.' })
  errors?: FieldErrorDto[];
}
