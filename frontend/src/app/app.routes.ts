import { ResolveFn, Route } from '@angular/router';
import { authGuard } from './auth/auth-guard';
import { guestGuard } from './auth/guest-guard';

const tasksPage = () => import('./tasks/tasks-page').then((m) => m.TasksPage);
const labelTitle: ResolveFn<string> = (route) => `${route.paramMap.get('name') ?? ''} · Labels · Taskgate`;

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
    canActivate: [authGuard],
    // Re-check on every navigation, including back/forward after sign-out.
    runGuardsAndResolvers: 'always',
    // Each view is the task list with a preset query (task-views.ts).
    children: [
      { path: '', title: 'Inbox · Taskgate', data: { view: 'inbox' }, loadComponent: tasksPage },
      { path: 'today', title: 'Today · Taskgate', data: { view: 'today' }, loadComponent: tasksPage },
      { path: 'upcoming', title: 'Upcoming · Taskgate', data: { view: 'upcoming' }, loadComponent: tasksPage },
      { path: 'overdue', title: 'Overdue · Taskgate', data: { view: 'overdue' }, loadComponent: tasksPage },
      { path: 'completed', title: 'Completed · Taskgate', data: { view: 'completed' }, loadComponent: tasksPage },
      { path: 'label/:name', title: labelTitle, data: { view: 'label' }, loadComponent: tasksPage },
    ],
  },
  {
    path: 'overview',
    title: 'Overview · Taskgate',
    canActivate: [authGuard],
    runGuardsAndResolvers: 'always',
    loadComponent: () => import('./overview/overview-page').then((m) => m.OverviewPage),
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
