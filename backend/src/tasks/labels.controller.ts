import { Body, Controller, Delete, Get, HttpCode, Param, PipeTransform, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { LabelCount } from '@taskgate/api-contract';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiProblemResponses } from '../http/api-problem-responses.decorator';
import { InvalidRequestException } from '../http/invalid-request.exception';
import { JsonBodyReader } from '../http/json-body.reader';
import { LabelCountDto, RenameLabelDto } from './dto/label.dto';
import { labelNameProblem } from './dto/task-field.validators';
import { LabelsRepository } from './labels.repository';

/** The path's label name, trimmed; one no label could have is a 400, like a task id that is not a UUID. */
const labelName: PipeTransform<string, string> = {
  transform(value: string): string {
    const problem = labelNameProblem(value);
    if (problem) throw new InvalidRequestException([{ field: 'name', message: problem }], 'The label name is invalid.');
    return value.trim();
  },
};

const NAME_PARAM = {
  name: 'name',
  description: 'The label, in any spelling (labels compare case-insensitively); URL-encoded.',
};

/** A user's labels: the list with counts, rename (and merge), delete. Same guards as the tasks. */
@ApiTags('labels')
@ApiBearerAuth()
@ApiParam({ name: 'user_id', description: "The caller's user id: must equal the token's sub." })
@ApiProblemResponses(401, 403, 429, 503)
@Controller(':user_id/labels')
export class LabelsController {
  constructor(
    private readonly labels: LabelsRepository,
    private readonly bodies: JsonBodyReader,
  ) {}

  @Get()
  @ApiOperation({ summary: "The caller's labels, each on at least one task, sorted by lower-case name" })
  @ApiOkResponse({ type: [LabelCountDto] })
  async list(@CurrentUser() user: AuthenticatedUser): Promise<LabelCount[]> {
    return this.labels.list(user.id);
  }

  @Put(':name')
  @ApiOperation({
    summary: 'Rename a label on every task',
    description:
      "Into another of the caller's labels: merged (it keeps its spelling; a task with both keeps one). Into another spelling of the same label: the kept spelling changes. Every task changed moves its updatedAt and ETag.",
  })
  @ApiParam(NAME_PARAM)
  @ApiBody({ type: RenameLabelDto })
  @ApiOkResponse({ type: LabelCountDto, description: 'The label after the change.' })
  @ApiProblemResponses(400, 404, 413, 415)
  async rename(
    @CurrentUser() user: AuthenticatedUser,
    @Param('name', labelName) name: string,
    @Body() body: unknown,
  ): Promise<LabelCount> {
    const { value } = await this.bodies.read(body, RenameLabelDto);
    return this.labels.rename(user.id, name, value.name.trim());
  }

  @Delete(':name')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a label from every task', description: 'Every task changed moves its updatedAt and ETag.' })
  @ApiParam(NAME_PARAM)
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblemResponses(400, 404)
  async remove(@CurrentUser() user: AuthenticatedUser, @Param('name', labelName) name: string): Promise<void> {
    await this.labels.remove(user.id, name);
  }
}
