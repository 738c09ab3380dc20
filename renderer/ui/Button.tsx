/** The app's buttons: a variant (primary, secondary, ghost, danger), a size, an optional codicon. */
import { forwardRef, type ButtonHTMLAttributes } from 'react';
import { Icon } from './Icon';
import './ui.css';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';
export type ButtonSize = 'sm' | 'md' | 'lg';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** A codicon name (without `codicon-`) shown before the label. */
  icon?: string;
}

/** The class names a button of this variant and size wears (for elements that cannot be a <Button>). */
export function buttonClass(variant: ButtonVariant = 'secondary', size: ButtonSize = 'md', extra?: string): string {
  return `btn btn-${variant} btn-${size}${extra ? ` ${extra}` : ''}`;
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'secondary', size = 'md', icon, className, children, type = 'button', ...rest },
  ref,
) {
  return (
    <button ref={ref} type={type} className={buttonClass(variant, size, className)} {...rest}>
      {icon ? <Icon name={icon} /> : null}
      {children}
    </button>
  );
});
