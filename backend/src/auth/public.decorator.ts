import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'taskgate:public';

/** Opts a route out of the global token check (health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
