/**
 * A modal dialog (Radix Dialog): focus trapped and restored, Esc and the close button dismiss,
 * the title names it. Controlled: `open` and `onOpenChange`.
 */
import { Dialog as RadixDialog } from 'radix-ui';
import type { ReactNode } from 'react';
import { Icon } from './Icon';
import './ui.css';

export function Dialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  /** Wider dialogs for forms like Settings. */
  size?: 'sm' | 'md' | 'lg';
  /** The element to focus on open (default: the first focusable). */
  onOpenAutoFocus?: (e: Event) => void;
}): React.JSX.Element {
  return (
    <RadixDialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="ui-dialog-overlay" />
        <RadixDialog.Content
          className={`ui-dialog ui-dialog-${props.size ?? 'md'}`}
          {...(props.description ? {} : { 'aria-describedby': undefined })}
          {...(props.onOpenAutoFocus ? { onOpenAutoFocus: props.onOpenAutoFocus } : {})}
        >
          <header className="ui-dialog-header">
            <RadixDialog.Title className="ui-dialog-title">{props.title}</RadixDialog.Title>
          </header>
          {props.description ? (
            <RadixDialog.Description className="ui-dialog-description">{props.description}</RadixDialog.Description>
          ) : null}
          <div className="ui-dialog-body">{props.children}</div>
          {/* Last in the order, so focus starts on the dialog's own first control. */}
          <RadixDialog.Close className="btn btn-ghost btn-md btn-icon ui-dialog-close" aria-label="Close dialog">
            <Icon name="close" />
          </RadixDialog.Close>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
