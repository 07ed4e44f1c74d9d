import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  ApplicationConfig,
  Injector,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS } from '@angular/material/form-field';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { appRoutes } from './app.routes';
import { apiTokenInterceptor } from './auth/api-token-interceptor';
import { apiTimeoutInterceptor } from './shared/api-timeout';
import { AppConfig } from './shared/app-config';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideAppInitializer(() => inject(AppConfig).load()),
    // Reminders load after start-up, outside the initial bundle.
    provideAppInitializer(() => {
      const injector = inject(Injector);
      void import('./reminders/reminders').then(({ Reminders }) => injector.get(Reminders).start());
    }),
    provideHttpClient(withFetch(), withInterceptors([apiTimeoutInterceptor, apiTokenInterceptor])),
    provideRouter(appRoutes, withComponentInputBinding()),
    // Labels stay exactly "Email", "Password", ... for people and for tests;
    // required fields say so in their error messages.
    { provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { hideRequiredMarker: true } },
  ],
};
