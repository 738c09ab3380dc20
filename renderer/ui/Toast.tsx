/**
 * The toasts on screen (Radix Toast), from the app's toast store (state/toasts.ts). An error
 * stays until dismissed and carries role="alert"; others leave after their duration.
 */
import { Toast as RadixToast } from 'radix-ui';
import { useSyncExternalStore, type ReactNode } from 'react';
import { toasts as appToasts, type ToastStore } from '../state/toasts';
import { Icon } from './Icon';
import './ui.css';

const ICONS = { error: 'error', info: 'info', success: 'pass' } as const;

export function ToastProvider(props: { children: ReactNode; store?: ToastStore }): React.JSX.Element {
  const store = props.store ?? appToasts;
  const list = useSyncExternalStore(store.subscribe, store.get);
  return (
    <RadixToast.Provider swipeDirection="right" label="Notifications">
      {props.children}
      {list.map((t) => (
        <RadixToast.Root
          key={t.id}
          className={`ui-toast ui-toast-${t.kind}`}
          type={t.kind === 'error' ? 'foreground' : 'background'}
          duration={t.duration ?? Infinity}
          onOpenChange={(open) => {
            if (!open) store.dismiss(t.id);
          }}
        >
          <Icon name={ICONS[t.kind]} className="ui-toast-icon" />
          <RadixToast.Description asChild>
            <p className="ui-toast-message" {...(t.kind === 'error' ? { role: 'alert' } : {})}>
              {t.message}
            </p>
          </RadixToast.Description>
          <RadixToast.Close className="btn btn-ghost btn-sm btn-icon" aria-label="Dismiss">
            <Icon name="close" />
          </RadixToast.Close>
        </RadixToast.Root>
      ))}
      {/* "Notices", not Radix's default "Notifications": that is the desktop-notifications offer's name. */}
      <RadixToast.Viewport className="ui-toast-viewport" label="Notices ({hotkey})" />
    </RadixToast.Provider>
  );
}
