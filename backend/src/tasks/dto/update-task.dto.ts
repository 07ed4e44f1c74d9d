import { PartialType } from '@nestjs/swagger';
import { UpdateTaskRequest } from '@taskgate/api-contract';
import { CreateTaskDto } from './create-task.dto';

/**
 * Any non-empty subset of the create fields. `skipNullProperties: false`:
 * an absent field is optional, but `null` is still validated (and refused
 * where the create refuses it).
 */
export class UpdateTaskDto extends PartialType(CreateTaskDto, { skipNullProperties: false }) implements UpdateTaskRequest {}
