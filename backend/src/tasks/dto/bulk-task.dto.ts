import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BULK_ACTIONS, BULK_IDS_MAX, BulkAction, BulkTaskRequest, BulkTaskResult, LABEL_MAX_LENGTH } from '@taskgate/api-contract';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsUUID } from 'class-validator';
import { labelNameProblem, validatedBy } from './task-field.validators';

const LABEL_ACTIONS: readonly BulkAction[] = ['addLabel', 'removeLabel'];

/** No two ids the same (UUIDs compare ignoring case). */
const AreDistinctIds = () =>
  validatedBy('areDistinctIds', (value) =>
    !Array.isArray(value) || new Set(value.map((id) => String(id).toLowerCase())).size === value.length ? undefined : 'must not repeat an id',
  );

/** A label name with the label actions; nothing with the others. */
const IsLabelWhereTheActionNeedsOne = () =>
  validatedBy('isLabelWhereTheActionNeedsOne', (value, object) => {
    const { action } = object as Partial<BulkTaskDto>;
    if (!(BULK_ACTIONS as readonly unknown[]).includes(action)) return undefined;
    if (!LABEL_ACTIONS.includes(action as BulkAction)) {
      return value === undefined ? undefined : `is only accepted with the actions ${LABEL_ACTIONS.join(', ')}`;
    }
    return value === undefined ? `is required with the action ${action}` : labelNameProblem(value);
  });

export class BulkTaskDto implements BulkTaskRequest {
  @ApiProperty({ enum: BULK_ACTIONS })
  @IsIn(BULK_ACTIONS, { message: `must be one of ${BULK_ACTIONS.join(', ')}` })
  action!: BulkAction;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: BULK_IDS_MAX,
    uniqueItems: true,
    description: `1–${BULK_IDS_MAX} distinct task ids. Ids that are not the caller's tasks change nothing and come back in notFound.`,
  })
  @IsArray({ message: `must be an array of 1 to ${BULK_IDS_MAX} task ids` })
  @ArrayMinSize(1, { message: `must be an array of 1 to ${BULK_IDS_MAX} task ids` })
  @ArrayMaxSize(BULK_IDS_MAX, { message: `must be an array of 1 to ${BULK_IDS_MAX} task ids` })
  @IsUUID('all', { each: true, message: 'must hold only UUIDs' })
  @AreDistinctIds()
  ids!: string[];

  @ApiPropertyOptional({
    maxLength: LABEL_MAX_LENGTH,
    description:
      'Required with addLabel and removeLabel, refused with the other actions. addLabel keeps the spelling the user already has; ' +
      'if it would give any of the tasks more than 20 labels, the whole request is a 400 and nothing changes.',
  })
  @IsLabelWhereTheActionNeedsOne()
  label?: string;
}

export class BulkTaskResultDto implements BulkTaskResult {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: "The caller's tasks among ids, all in the wanted state now (also those that already were), in lower case.",
  })
  changed!: string[];

  @ApiProperty({ type: [String], format: 'uuid', description: "Ids that are not the caller's tasks; nothing about them changed." })
  notFound!: string[];
}
