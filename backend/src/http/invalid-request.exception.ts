import { BadRequestException } from '@nestjs/common';

export interface FieldError {
  /** The body field, query parameter or path parameter at fault. */
  field: string;
  message: string;
}

/** A 400 whose problem body lists each invalid field. */
export class InvalidRequestException extends BadRequestException {
  constructor(
    readonly errors: FieldError[],
    detail = 'The request is invalid; see errors.',
  ) {
    super(detail);
  }
}
