import { DOCUMENT } from '@angular/common';
import { Injectable, computed, effect, inject, signal } from '@angular/core';

export type ThemeChoice = 'system' | 'light' | 'dark';
const STORAGE_KEY = 'taskgate.theme';
const ORDER: ThemeChoice[] = ['system', 'light', 'dark'];

/** Light/dark theme: the system's by default, or the user's explicit choice. */
@Injectable({ providedIn: 'root' })
export class Theme {
  private readonly document = inject(DOCUMENT);
  readonly choice = signal<ThemeChoice>(this.read());

  constructor() {
    effect(() => {
      const choice = this.choice();
      const root = this.document.documentElement;
      root.classList.toggle('theme-light', choice === 'light');
      root.classList.toggle('theme-dark', choice === 'dark');
      try {
        // A display preference, not a secret.
        localStorage.setItem(STORAGE_KEY, choice);
      } catch {
        /* storage may be disabled; the choice then lasts for this visit */
      }
    });
  }

  /** The choice `cycle()` moves to. */
  readonly next = computed(() => ORDER[(ORDER.indexOf(this.choice()) + 1) % ORDER.length]);

  cycle(): void {
    this.choice.set(this.next());
  }

  private read(): ThemeChoice {
    try {
      const stored = localStorage.getItem(STORAGE_KEY) as ThemeChoice | null;
      return stored && ORDER.includes(stored) ? stored : 'system';
    } catch {
      return 'system';
    }
  }
}
