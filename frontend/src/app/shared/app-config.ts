import { HttpBackend, HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';

interface RuntimeConfig {
  apiUrl: string;
}

/**
 * Settings the frontend server hands out at start (GET /app-config.json), so
 * one build runs against any API origin.
 */
@Injectable({ providedIn: 'root' })
export class AppConfig {
  // Bypasses interceptors: this runs before anything else is configured.
  private readonly http = new HttpClient(inject(HttpBackend));
  private config: RuntimeConfig | null = null;
  private origin = '';

  async load(): Promise<void> {
    this.set(await firstValueFrom(this.http.get<RuntimeConfig>('/app-config.json')));
  }

  /** For tests and for `load()`. */
  set(config: RuntimeConfig): void {
    const url = new URL(config.apiUrl);
    this.config = { apiUrl: url.origin + url.pathname.replace(/\/+$/, '') };
    this.origin = url.origin;
  }

  /** The API base URL without a trailing slash, e.g. `http://localhost:3000`. */
  get apiUrl(): string {
    if (!this.config) throw new Error('AppConfig used before load()');
    return this.config.apiUrl;
  }

  /** The exact origin the API token may be sent to. */
  get apiOrigin(): string {
    if (!this.config) throw new Error('AppConfig used before load()');
    return this.origin;
  }
}
