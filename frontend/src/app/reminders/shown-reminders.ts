import { ShownReminders } from './reminder-scheduler';

const STORAGE_KEY = 'taskgate.shownReminders';
/** Enough for every reminder a person plausibly has pending; the oldest are forgotten first. */
const MAX_KEYS = 1000;

/** The reminders this browser has shown, in localStorage (task id + remindAt only), shared by its tabs. */
export class LocalShownReminders implements ShownReminders {
  constructor(private readonly storage: Storage | null = safeLocalStorage()) {}

  has(key: string): boolean {
    return this.read().includes(key);
  }

  add(key: string): void {
    const keys = this.read().filter((k) => k !== key);
    keys.push(key);
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify(keys.slice(-MAX_KEYS)));
    } catch {
      // Storage full or refused: at worst a reminder shows again on the next visit.
    }
  }

  private read(): string[] {
    try {
      const value: unknown = JSON.parse(this.storage?.getItem(STORAGE_KEY) ?? '[]');
      return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : [];
    } catch {
      return [];
    }
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
