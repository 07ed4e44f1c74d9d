import { HttpRequest } from '@angular/common/http';

/** True when the request goes to `origin` exactly (relative URLs resolve against this page). */
export function targetsOrigin(req: HttpRequest<unknown>, origin: string): boolean {
  try {
    return new URL(req.url, globalThis.location?.href).origin === origin;
  } catch {
    return false;
  }
}
