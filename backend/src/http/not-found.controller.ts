import { All, Controller, NotFoundException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

/**
 * Every other path under /api. A route of its own, so the global guards run
 * first and an unknown route without a token is a 401 like any other
 * (API.md's order of checks), and with one a 404.
 */
@ApiExcludeController()
@Controller()
export class NotFoundController {
  @All('*')
  noSuchRoute(): never {
    throw new NotFoundException('No such route.');
  }
}
