import { Injectable, PipeTransform } from '@nestjs/common';
import {
  LIST_LIMIT_DEFAULT,
  LIST_LIMIT_MAX,
  SORT_ORDERS,
  SortOrder,
  TASK_DUE_FILTERS,
  TASK_PRIORITIES,
  TASK_SORT_FIELDS,
  TASK_STATUS_FILTERS,
  TaskDueFilter,
  TaskPriority,
  TaskSortField,
  TaskStatusFilter,
} from '@taskgate/api-contract';
import { FieldError, InvalidRequestException } from '../http/invalid-request.exception';
import { codePointLength, isCalendarDate, labelNameProblem } from './dto/task-field.validators';
import { MALFORMED_CURSOR } from './list-cursor';

/** The list query with every default applied. */
export interface ListTasksCriteria {
  status: TaskStatusFilter;
  q?: string;
  priority?: TaskPriority;
  sort: TaskSortField;
  order: SortOrder;
  limit: number;
  offset: number;
  /** An opaque cursor from a Link header (checked against the user and query by the service); never with offset. */
  cursor?: string;
  /** Tasks carrying every one of these labels (trimmed names; compared ignoring case). */
  labels?: string[];
  /** Inclusive bounds on dueDate, `YYYY-MM-DD`. */
  dueFrom?: string;
  dueTo?: string;
  due?: TaskDueFilter;
}

const Q_MAX_LENGTH = 1000;
const OFFSET_MAX = 1_000_000_000;

type Rule = (value: string) => string | undefined;

const oneOf =
  (values: readonly string[]): Rule =>
  (value) =>
    values.includes(value) ? undefined : `must be one of ${values.join(', ')}`;

const wholeNumber =
  (min: number, max: number): Rule =>
  (value) =>
    /^\d{1,10}$/.test(value) && Number(value) >= min && Number(value) <= max
      ? undefined
      : `must be a whole number from ${min} to ${max}`;

const calendarDate: Rule = (value) => (isCalendarDate(value) ? undefined : 'must be a real calendar date written YYYY-MM-DD');

const RULES: Record<keyof ListTasksCriteria, Rule> = {
  status: oneOf(TASK_STATUS_FILTERS),
  q: (value) =>
    value.includes('\u0000') || !value.isWellFormed() || codePointLength(value) > Q_MAX_LENGTH
      ? `must be text of at most ${Q_MAX_LENGTH} characters, without NUL characters`
      : undefined,
  priority: oneOf(TASK_PRIORITIES),
  sort: oneOf(TASK_SORT_FIELDS),
  order: oneOf(SORT_ORDERS),
  limit: wholeNumber(1, LIST_LIMIT_MAX),
  offset: wholeNumber(0, OFFSET_MAX),
  cursor: (value) => (/^[A-Za-z0-9_-]{1,4096}$/.test(value) ? undefined : MALFORMED_CURSOR),
  labels: (value) => {
    for (const [index, name] of value.split(',').entries()) {
      const problem = labelNameProblem(name);
      if (problem) return `item ${index + 1} ${problem} (comma-separated names)`;
    }
    return undefined;
  },
  dueFrom: calendarDate,
  dueTo: calendarDate,
  due: oneOf(TASK_DUE_FILTERS),
};

/**
 * Validates `GET …/tasks` query parameters strictly: an unknown name, a
 * repeated parameter, an empty value or an unknown value is a 400, never
 * ignored (API.md).
 */
@Injectable()
export class ListTasksQueryPipe implements PipeTransform<Record<string, unknown>, ListTasksCriteria> {
  transform(query: Record<string, unknown> | undefined): ListTasksCriteria {
    const errors: FieldError[] = [];
    const given: Partial<Record<keyof ListTasksCriteria, string>> = {};
    for (const [name, value] of Object.entries(query ?? {})) {
      if (!Object.hasOwn(RULES, name)) {
        errors.push({ field: name, message: 'is not a known query parameter' });
      } else if (typeof value !== 'string') {
        errors.push({ field: name, message: 'must be given once' });
      } else if (value === '') {
        errors.push({ field: name, message: 'must not be empty' });
      } else {
        const problem = RULES[name as keyof ListTasksCriteria](value);
        if (problem) errors.push({ field: name, message: problem });
        else given[name as keyof ListTasksCriteria] = value;
      }
    }
    if (given.cursor !== undefined && given.offset !== undefined) {
      errors.push({ field: 'cursor', message: 'cannot be combined with offset: a cursor says where the page starts' });
    }
    if (given.dueFrom !== undefined && given.dueTo !== undefined && given.dueFrom > given.dueTo) {
      errors.push({ field: 'dueFrom', message: 'must not be after dueTo' });
    }
    if (given.due !== undefined && (given.dueFrom !== undefined || given.dueTo !== undefined)) {
      errors.push({ field: 'due', message: 'cannot be combined with dueFrom or dueTo' });
    }
    if (errors.length > 0) throw new InvalidRequestException(errors, 'The query is invalid; see errors.');
    return {
      status: (given.status as TaskStatusFilter) ?? 'all',
      q: given.q,
      priority: given.priority as TaskPriority | undefined,
      sort: (given.sort as TaskSortField) ?? 'created',
      order: (given.order as SortOrder) ?? 'desc',
      limit: given.limit === undefined ? LIST_LIMIT_DEFAULT : Number(given.limit),
      offset: given.offset === undefined ? 0 : Number(given.offset),
      cursor: given.cursor,
      labels: given.labels?.split(',').map((name) => name.trim()),
      dueFrom: given.dueFrom,
      dueTo: given.dueTo,
      due: given.due as TaskDueFilter | undefined,
    };
  }
}
