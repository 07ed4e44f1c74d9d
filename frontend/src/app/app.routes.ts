import { Route } from '@angular/router';
import { authGuard } from './auth/auth-guard';
import { guestGuard } from './auth/guest-guard';

export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'tasks' },
  {
    path: 'sign-in',
    title: 'Sign in · Taskgate',
    canActivate: [guestGuard],
    loadComponent: () => import('./auth/sign-in-page').then((m) => m.SignInPage),
  },
  {
    path: 'sign-up',
    title: 'Sign up · Taskgate',
    canActivate: [guestGuard],
    loadComponent: () => import('./auth/sign-up-page').then((m) => m.SignUpPage),
  },
  {
    path: 'tasks',
    title: 'Tasks · Taskgate',
    canActivate: [authGuard],
    // Re-check on every navigation, including back/forward after sign-out.
    runGuardsAndResolvers: 'always',
    loadComponent: () => import('./tasks/tasks-page').then((m) => m.TasksPage),
  },
  {
    path: 'account',
    title: 'Account · Taskgate',
    canActivate: [authGuard],
    runGuardsAndResolvers: 'always',
    loadComponent: () => import('./account/account-page').then((m) => m.AccountPage),
  },
  { path: '**', redirectTo: 'tasks' },
];
