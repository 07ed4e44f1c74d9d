import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { TASK_TITLE_MAX_LENGTH, UpdateTaskRequest } from '@taskgate/api-contract';
import { IfPresent, IsTaskText } from './task-field.validators';
import { CreateTaskDto } from './create-task.dto';

/** Any non-empty subset of the create fields. */
export class UpdateTaskDto extends PartialType(CreateTaskDto) implements UpdateTaskRequest {
  @ApiPropertyOptional({
    description: `Trimmed; 1–${TASK_TITLE_MAX_LENGTH} characters after trimming.`,
    minLength: 1,
    maxLength: TASK_TITLE_MAX_LENGTH,
  })
  @IfPresent()
  @IsTaskText({ min: 1, max: TASK_TITLE_MAX_LENGTH, trim: true })
  declare title?: string;
}
