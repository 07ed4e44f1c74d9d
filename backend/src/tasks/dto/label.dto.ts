import { ApiProperty } from '@nestjs/swagger';
import { LABEL_MAX_LENGTH, LabelCount, RenameLabelRequest } from '@taskgate/api-contract';
import { IsLabelName } from './task-field.validators';

export class LabelCountDto implements LabelCount {
  @ApiProperty({ maxLength: LABEL_MAX_LENGTH, description: 'The spelling the user first used.' })
  name!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: "How many of the user's tasks carry it." })
  taskCount!: number;
}

export class RenameLabelDto implements RenameLabelRequest {
  @ApiProperty({
    maxLength: LABEL_MAX_LENGTH,
    description:
      'The new name: trimmed, 1–50 characters, no comma or NUL. The name of another label of the user merges into it (keeping its spelling); ' +
      'another spelling of the same label changes the kept spelling.',
  })
  @IsLabelName()
  name!: string;
}
