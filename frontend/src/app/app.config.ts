import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS } from '@angular/material/form-field';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { appRoutes } from './app.routes';
import { apiTokenInterceptor } from './auth/api-token-interceptor';
import { Reminders } from './reminders/reminders';
import { apiTimeoutInterceptor } from './shared/api-timeout';
import { AppConfig } from './shared/app-config';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideAppInitializer(() => inject(AppConfig).load()),
    provideAppInitializer(() => inject(Reminders).start()),
    provideHttpClient(withFetch(), withInterceptors([apiTimeoutInterceptor, apiTokenInterceptor])),
    provideRouter(appRoutes, withComponentInputBinding()),
    // Labels stay exactly "Email", "Password", ... for people and for tests;
    // required fields say so in their error messages.
    { provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { hideRequiredMarker: true } },
  ],
};
